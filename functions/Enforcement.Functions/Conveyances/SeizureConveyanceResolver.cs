using Enforcement.Functions.Events;
using Enforcement.Functions.Identifiers;
using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.Conveyances;

/// <summary>
/// seizure.recorded/updated → the seizure's conveyance fields resolved to conveyance records. A strong identifier with
/// a valid check digit (IMO, ISO 6346 container, VIN in the vehicle field) resolves automatically; a weak one (a
/// plate, a VIN whose check digit fails) offers the records holding it as candidates for an analyst to judge. The
/// strong identifiers are also indexed with the seizure's non-nominal summary, for screening. Rebuilt from the
/// seizure's current state on every delivery: idempotent.
/// </summary>
internal sealed class SeizureConveyanceResolver(SeizureStore seizures, ConveyanceStore conveyances) : IRecordEventHandler
{
    public bool Handles(string eventType) => eventType is RecordEventTypes.SeizureRecorded or RecordEventTypes.SeizureUpdated;

    public async Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        if (!SeizureId.TryParse(recordEvent.RecordId, out var id) || await seizures.GetAsync(id.Value, cancellationToken) is not { } stored)
        {
            return;
        }

        var seizure = stored.Seizure;
        var summary = new ConveyanceLinkEntity
        {
            SeizedAt = seizure.SeizedAt,
            Office = seizure.Office,
            Categories = string.Join(',', seizure.Items.Select(i => i.Category).OfType<string>().Distinct(StringComparer.Ordinal)),
            Concealment = seizure.Concealment?.Method,
        };
        var named = Identifiers(seizure.Conveyance).ToList();
        var strong = named.Where(n => n.Strong).Select(n => (n.Scheme, n.Value)).ToList();
        await conveyances.IndexSeizureIdentifiersAsync(id.Value.Value, strong, summary, cancellationToken);

        var wanted = new Dictionary<string, ConveyanceLinkEntity>(StringComparer.Ordinal);
        foreach (var (scheme, value, isStrong) in named)
        {
            var status = isStrong ? ConveyanceLinkStatus.Resolved : ConveyanceLinkStatus.Candidate;
            foreach (var conveyanceId in await conveyances.LookupIdsAsync(scheme, value, cancellationToken))
            {
                if (wanted.TryGetValue(conveyanceId, out var already) && already.Status == ConveyanceLinkStatus.Resolved)
                {
                    continue;
                }

                wanted[conveyanceId] = new ConveyanceLinkEntity
                {
                    PartitionKey = conveyanceId,
                    RowKey = id.Value.Value,
                    Status = status,
                    Scheme = scheme,
                    Identifier = value,
                    SeizedAt = summary.SeizedAt,
                    Office = summary.Office,
                    Categories = summary.Categories,
                    Concealment = summary.Concealment,
                };
            }
        }

        await conveyances.SetSeizureLinksAsync(id.Value.Value, wanted.Values.ToList(), cancellationToken);
    }

    /// <summary>What a seizure's conveyance names: valid strong identifiers as such, anything else as weak ones.</summary>
    public static IEnumerable<(string Scheme, string Value, bool Strong)> Identifiers(Seizures.Conveyance? conveyance)
    {
        if (conveyance is null)
        {
            yield break;
        }

        if (conveyance.VesselImo is { } imo && ImoNumber.IsValid(ImoNumber.Normalize(imo)))
        {
            yield return (IdentifierSchemes.Imo, ImoNumber.Normalize(imo), true);
        }

        foreach (var container in conveyance.ContainerNumbers ?? [])
        {
            var normalized = ContainerNumber.Normalize(container);
            if (ContainerNumber.IsValid(normalized))
            {
                yield return (IdentifierSchemes.Container, normalized, true);
            }
        }

        if (conveyance.VehicleRegistration is { } vehicle)
        {
            var vin = VinNumber.Normalize(vehicle);
            if (VinNumber.IsWellFormed(vin))
            {
                // A VIN whose check digit fails may be mistyped: it only offers candidates.
                yield return (IdentifierSchemes.Vin, vin, VinNumber.HasValidCheckDigit(vin));
            }
            else
            {
                var plate = IdentifierSchemes.Validate(IdentifierSchemes.Plate, vehicle);
                if (plate.Valid)
                {
                    yield return (IdentifierSchemes.Plate, plate.Normalized!, false);
                }
            }
        }
    }
}
