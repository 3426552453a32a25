using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Companies;
using Enforcement.Functions.Conveyances;
using Enforcement.Functions.Events;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Screening;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Suspects;

namespace Enforcement.Functions.WatchLists;

/// <summary>
/// Hits on intake: a new or corrected seizure, suspect, company or conveyance is matched against the active
/// watch-list entries (the same index lookups and scoring as screening), and each match publishes exactly one
/// <c>watchlist.hit</c> record event for the entry's owner (<see cref="WatchListHitNotices"/> puts it in their inbox).
/// Exactly once under retries: the match is a row keyed by entry and record (table "watchlisthits"); its event id is
/// stable; the row is marked published only after the event was queued, so a retry republishes only what was not.
/// The event is staged in the outbox before the row is written, so a crash in between is finished by the relay.
/// </summary>
internal sealed class WatchListIntake(
    SubjectMatcher matcher, WatchListStore watchLists, SeizureStore seizures, PersonStore persons, ConveyanceStore conveyances,
    EventOutbox outbox, TimeProvider time) : IRecordEventHandler
{
    public const string HitEvent = "watchlist.hit";

    /// <summary>The kinds of record an intake hit names.</summary>
    public static readonly string[] RecordKinds = ["seizure", "suspect", "company", "conveyance"];

    public bool Handles(string eventType) => eventType is RecordEventTypes.SeizureRecorded or RecordEventTypes.SeizureUpdated
        or RecordEventTypes.SuspectRecorded or RecordEventTypes.SuspectUpdated or RecordEventTypes.CompanyRecorded or RecordEventTypes.CompanyUpdated
        or ConveyanceStore.RecordedEvent;

    public async Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        var (kind, subjects) = await SubjectsOfAsync(recordEvent, cancellationToken);
        if (subjects.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var found = await Task.WhenAll(subjects.Select(s => matcher.WatchListHitsAsync(s, now, now, cancellationToken)));
        var matches = found.SelectMany(f => f).Where(h => h.Match && h.EntryId is not null)
            .GroupBy(h => h.EntryId!, StringComparer.Ordinal).Select(g => g.MaxBy(h => h.Score)!).ToList();
        foreach (var match in matches)
        {
            await PublishOnceAsync(match, recordEvent.RecordId, kind, now, cancellationToken);
        }
    }

    private async Task PublishOnceAsync(ScreeningHit match, string recordId, string kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hits = watchLists.Hits;
        var existing = await hits.GetEntityIfExistsAsync<WatchListHitEntity>(match.EntryId!, recordId, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value!.Published)
        {
            return;
        }

        var owner = existing.HasValue ? existing.Value!.Owner : await watchLists.OwnerAsync(match.ListId!, match.EntryId!, cancellationToken) ?? string.Empty;
        var hitId = $"{match.EntryId}|{recordId}";
        var pending = new OutboxEntry
        {
            RowKey = RecordEvent.IdFor(hitId, 1),
            Type = HitEvent,
            RecordId = hitId,
            Version = 1,
            OccurredAt = now,
            Table = hits.Name,
            EventPartitionKey = match.EntryId!,
            EventRowKey = recordId,
        };
        await outbox.StageAsync(pending, cancellationToken);
        var row = existing.HasValue ? existing.Value! : new WatchListHitEntity
        {
            PartitionKey = match.EntryId!,
            RowKey = recordId,
            ListId = match.ListId!,
            RecordKind = kind,
            Score = match.Score,
            Owner = owner,
            FoundAt = now,
        };
        if (!existing.HasValue)
        {
            try
            {
                await hits.AddEntityAsync(row, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                // A concurrent delivery of the same event wrote it first; it publishes the same event id.
                return;
            }
        }

        if (!await outbox.TryPublishAsync(pending, cancellationToken))
        {
            throw new InvalidOperationException($"The watchlist.hit event {pending.RowKey} could not be queued; the retry or the relay sends it.");
        }

        row.Published = true;
        await hits.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    private async Task<(string Kind, List<ScreeningSubject> Subjects)> SubjectsOfAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        switch (recordEvent.Type)
        {
            case RecordEventTypes.SeizureRecorded or RecordEventTypes.SeizureUpdated:
                if (!SeizureId.TryParse(recordEvent.RecordId, out var seizureId) || await seizures.GetAsync(seizureId.Value, cancellationToken) is not { } stored)
                {
                    return ("seizure", []);
                }

                return ("seizure", SeizureSubjects(stored.Seizure).ToList());
            case ConveyanceStore.RecordedEvent:
                if (await conveyances.GetAsync(recordEvent.RecordId, cancellationToken) is not { } conveyance)
                {
                    return ("conveyance", []);
                }

                var facts = ConveyanceStore.Facts(conveyance);
                return ("conveyance", [new ScreeningSubject
                {
                    Key = "conveyance",
                    Type = facts.Kind,
                    Name = facts.Name,
                    Imo = facts.Imo, Mmsi = facts.Mmsi, CallSign = facts.CallSign, Registration = facts.Registration, IcaoAddress = facts.IcaoAddress,
                    Plate = facts.Plate, Vin = facts.Vin, ContainerNumber = facts.ContainerNumber,
                }]);
            default:
                if (!PersonId.TryParse(recordEvent.RecordId, out var personId) || await persons.GetAsync(personId.Value, cancellationToken) is not { } person)
                {
                    return ("person", []);
                }

                if (personId.Value.Kind == PersonKind.Suspect)
                {
                    var suspect = SuspectIndexing.Read(person.Facts);
                    var names = SuspectNames.Written(suspect).Take(3).Select(n => new ScreeningSubject
                    {
                        Key = "name", Type = "person", Name = n, DateOfBirth = suspect.DateOfBirth, Nationality = suspect.Nationalities is { Count: > 0 } nationalities ? nationalities[0] : null,
                    });
                    var documents = (suspect.Documents ?? []).Where(d => d.Number is not null).Select(d => new ScreeningSubject
                    {
                        Key = "document", Type = "person", DocumentNumber = PersonIndexRows.NumberKey(d.Number!),
                    });
                    var phones = (suspect.PhoneNumbers ?? []).Select(p => new ScreeningSubject { Key = "phone", Type = "person", Phone = p });
                    return ("suspect", names.Concat(documents).Concat(phones).ToList());
                }

                var company = CompanyIndexing.Read(person.Facts);
                return ("company", CompanyNames.Written(company).Take(3).Select(n => new ScreeningSubject { Key = "name", Type = "company", Name = n, Country = company.Country })
                    .Concat((company.RegistrationNumbers ?? []).Where(r => r.Number is not null).Select(r => new ScreeningSubject
                    {
                        Key = "registration", Type = "company", RegistrationNumber = PersonIndexRows.NumberKey(r.Number!),
                    })).ToList());
        }
    }

    private static IEnumerable<ScreeningSubject> SeizureSubjects(Seizure seizure)
    {
        foreach (var (scheme, value, _) in SeizureConveyanceResolver.Identifiers(seizure.Conveyance))
        {
            yield return scheme switch
            {
                Identifiers.IdentifierSchemes.Imo => new ScreeningSubject { Key = "imo", Type = "vessel", Imo = value },
                Identifiers.IdentifierSchemes.Container => new ScreeningSubject { Key = "container", Type = "container", ContainerNumber = value },
                Identifiers.IdentifierSchemes.Vin => new ScreeningSubject { Key = "vin", Type = "vehicle", Vin = value },
                _ => new ScreeningSubject { Key = "plate", Type = "vehicle", Plate = value },
            };
        }

        if (seizure.Route is { } route)
        {
            var countries = new[] { route.DepartureCountry }.Concat(route.TransitCountries ?? []).Append(route.DestinationCountry).OfType<string>().ToList();
            if (countries.Count > 0)
            {
                yield return new ScreeningSubject { Key = "route", Type = "consignment", Route = countries };
            }
        }
    }
}
