using Enforcement.Functions.Companies;
using Enforcement.Functions.Conveyances;
using Enforcement.Functions.Identifiers;
using Enforcement.Functions.Links;
using Enforcement.Functions.NameMatching;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Suspects;
using Enforcement.Functions.WatchLists;

namespace Enforcement.Functions.Screening;

/// <summary>
/// Finds and scores the hits of one subject with a bounded number of index lookups, whatever the size of the lists
/// and databases: watch-list index partitions for the subject's name keys (pairs of keys when it has several),
/// document, phone, identifiers and route; the suspect and company indexes (<see cref="PersonSearch"/>); the
/// conveyance index; the seizure identifier index. Records are read only for the best few candidates, prior
/// seizures only for matches.
/// </summary>
internal sealed class SubjectMatcher(
    WatchListStore watchLists, PersonSearch personSearch, PersonStore persons, LinkStore links, SeizureStore seizures, ConveyanceStore conveyances)
{
    public const int MaxOwnCandidates = 5;
    public const int MaxPriorSeizures = 5;

    public static FoldedName? PersonName(ScreeningSubject s) => s.Type == "person" && s.Name is { } name ? PersonNameFolding.Fold(name) : null;

    public static (string? Text, FoldedName? Folded) CompanyName(ScreeningSubject s) => s.Type switch
    {
        "company" when s.Name is { } name => (name, CompanyNameFolding.Fold(name)),
        "consignment" when s.Declarant is { } declarant => (declarant, CompanyNameFolding.Fold(declarant)),
        _ => (null, null),
    };

    /// <summary>The conveyance identifiers a subject carries, normalised, and whether each is strong with a valid check digit.</summary>
    public static IEnumerable<(string Scheme, string Value, bool Strong)> Identifiers(ScreeningSubject s)
    {
        if (s.Imo is { } imo) { yield return (IdentifierSchemes.Imo, imo, true); }
        if (s.Mmsi is { } mmsi) { yield return (IdentifierSchemes.Mmsi, mmsi, false); }
        if (s.CallSign is { } callSign) { yield return (IdentifierSchemes.CallSign, callSign, false); }
        if (s.Registration is { } registration) { yield return (IdentifierSchemes.AircraftRegistration, registration, false); }
        if (s.IcaoAddress is { } icao) { yield return (IdentifierSchemes.IcaoAddress, icao, true); }
        if (s.Plate is { } plate) { yield return (IdentifierSchemes.Plate, plate, false); }
        if (s.Vin is { } vin) { yield return (IdentifierSchemes.Vin, vin, ReferenceData.VinNumber.HasValidCheckDigit(vin)); }
        if (s.ContainerNumber is { } container) { yield return (IdentifierSchemes.Container, container, true); }
    }

    public static (List<string> Departures, List<string> Destinations) RouteEnds(ScreeningSubject s)
    {
        var departures = new[] { s.Route is { Count: > 0 } r ? r[0] : null, s.Origin }.OfType<string>().Distinct().ToList();
        var destinations = s.Route is { Count: > 1 } route ? [route[^1]] : new List<string>();
        return (departures, destinations);
    }

    /// <summary>The watch-list partitions a subject is looked up in.</summary>
    public static List<string> WatchListPartitions(ScreeningSubject s)
    {
        var partitions = new List<string>();
        if (PersonName(s) is { IsEmpty: false } person)
        {
            partitions.AddRange(NameQuery(person, WatchListKeys.PersonNameQuery));
        }

        if (CompanyName(s).Folded is { IsEmpty: false } company)
        {
            partitions.AddRange(NameQuery(company, WatchListKeys.CompanyNameQuery));
        }

        if (s.DocumentNumber is { } document) { partitions.Add(WatchListKeys.Document(document)); }
        if (s.RegistrationNumber is { } registration) { partitions.Add(WatchListKeys.Registration(registration)); }
        if (s.Phone is { } phone) { partitions.Add(WatchListKeys.Phone(phone)); }
        partitions.AddRange(Identifiers(s).Select(i => WatchListKeys.Identifier(i.Scheme, i.Value)));
        if (s.Type == "vessel" && s.Name is { } vessel) { partitions.Add(WatchListKeys.VesselName(vessel)); }
        var (departures, destinations) = RouteEnds(s);
        partitions.AddRange(WatchListKeys.RouteQuery(departures, destinations));
        return partitions.Distinct(StringComparer.Ordinal).ToList();
    }

    // Several keys: only their pairs (a name sharing a single common word is not a match, and "Muhammad" alone is a
    // huge partition); one key: that key.
    private static IEnumerable<string> NameQuery(FoldedName name, Func<FoldedName, IEnumerable<string>> partitions) =>
        name.DistinctKeys.Count > 1 ? partitions(name).Where(p => p.Contains("|p|", StringComparison.Ordinal)) : partitions(name);

    public async Task<List<ScreeningHit>> WatchListHitsAsync(ScreeningSubject s, DateTimeOffset now, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var pages = await Task.WhenAll(WatchListPartitions(s).Select(p => watchLists.QueryAsync(p, cancellationToken)));
        var personName = PersonName(s);
        var (companyText, companyName) = CompanyName(s);
        var hits = new List<ScreeningHit>();
        foreach (var row in pages.SelectMany(p => p).DistinctBy(r => r.RowKey))
        {
            if (row.ValidTo <= now || row.ValidFrom > at)
            {
                continue;
            }

            var entry = WatchListStore.Facts(row.Facts);
            var features = EntryFeatures(s, entry, personName, companyText, companyName);
            if (features.Count == 0)
            {
                continue;
            }

            var score = entry.Type is "person" or "company" ? ScreeningAlgorithm.Combine(features) : features.Max(f => f.Score);
            hits.Add(new ScreeningHit
            {
                Source = "watchlist",
                Score = score,
                Match = score >= ScreeningAlgorithm.MatchThreshold,
                Restricted = false,
                ListId = row.ListId,
                EntryId = row.EntryId,
                RecordId = row.EntryId,
                HandlingCode = entry.HandlingCode,
                Reason = entry.Reason,
                Explanations = features,
            });
        }

        return hits;
    }

    private static List<FeatureExplanation> EntryFeatures(ScreeningSubject s, WatchListEntryFacts entry, FoldedName? personName, string? companyText, FoldedName? companyName)
    {
        switch (entry.Type)
        {
            case "person" when s.Type == "person":
                return ScreeningAlgorithm.PersonFeaturesOf(s, personName,
                    entry.Name is { } name ? [(name, PersonNameFolding.Fold(name))] : [],
                    entry.DateOfBirth, entry.Country is { } c ? [c] : [], entry.DocumentNumber is { } d ? [d] : []);
            case "company" when companyName is not null || s.RegistrationNumber is not null:
                return ScreeningAlgorithm.CompanyFeaturesOf(companyText, companyName, s.Country, s.RegistrationNumber,
                    entry.Name is { } company ? [(company, CompanyNameFolding.Fold(company))] : [],
                    entry.Country, entry.RegistrationNumber is { } r ? [r] : []);
            case "conveyance" or "container":
                var features = new List<FeatureExplanation>();
                foreach (var (scheme, value, strong) in Identifiers(s).Where(i => i.Scheme == entry.Scheme && i.Value == entry.Identifier))
                {
                    features.Add(new($"identifier:{scheme}", value, entry.Identifier, strong || scheme == IdentifierSchemes.Vin ? 1 : ScreeningAlgorithm.WeakIdentifierScore, 1));
                }

                if (s.Type == "vessel" && s.Name is { } vessel && entry.Name is { } listed
                    && ConveyanceValidator.VesselNameKey(vessel) == ConveyanceValidator.VesselNameKey(listed))
                {
                    features.Add(new("name", vessel, listed, ScreeningAlgorithm.VesselNameScore, ScreeningAlgorithm.VesselNameScore));
                }

                return features;
            case "phone" when s.Phone == entry.Phone:
                return [new("phone", s.Phone, entry.Phone, 1, 1)];
            case "document" when s.DocumentNumber == entry.DocumentNumber:
                return [new("documentNumber", s.DocumentNumber, entry.DocumentNumber, 1, 1)];
            case "route":
                var (departures, destinations) = RouteEnds(s);
                var fromOk = entry.RouteFrom is null || departures.Contains(entry.RouteFrom);
                var toOk = entry.RouteTo is null || destinations.Contains(entry.RouteTo);
                return fromOk && toOk
                    ? [new("route", string.Join('>', s.Route ?? [s.Origin ?? "?"]), $"{entry.RouteFrom ?? "*"}>{entry.RouteTo ?? "*"}", 1, 1)]
                    : [];
            default:
                return [];
        }
    }

    /// <summary>Hits against our own suspects, companies, conveyances and seizures, with prior seizures of matches.</summary>
    public async Task<List<ScreeningHit>> OwnHitsAsync(ScreeningSubject s, CancellationToken cancellationToken)
    {
        var work = new List<Task<List<ScreeningHit>>>();
        if (s.Type == "person")
        {
            work.Add(SuspectHitsAsync(s, cancellationToken));
        }

        if (CompanyName(s).Folded is not null || (s.Type == "company" && s.RegistrationNumber is not null))
        {
            work.Add(CompanyHitsAsync(s, cancellationToken));
        }

        var identifiers = Identifiers(s).ToList();
        if (identifiers.Count > 0 || (s.Type == "vessel" && s.Name is not null))
        {
            work.Add(ConveyanceHitsAsync(s, identifiers, cancellationToken));
            work.Add(SeizureHitsAsync(identifiers, cancellationToken));
        }

        return (await Task.WhenAll(work)).SelectMany(h => h).ToList();
    }

    private async Task<List<ScreeningHit>> SuspectHitsAsync(ScreeningSubject s, CancellationToken cancellationToken)
    {
        var name = PersonName(s);
        var ids = new List<string>();
        if (name is { IsEmpty: false })
        {
            ids.AddRange((await personSearch.ByNameAsync(PersonKind.Suspect, name, null, null, MaxOwnCandidates, cancellationToken)).Candidates.Select(c => c.PersonId));
        }

        if (s.DocumentNumber is { } document)
        {
            ids.AddRange((await personSearch.ByNumberAsync(PersonKind.Suspect, PersonIndexRows.DocumentPrefix, document, null, cancellationToken)).Rows.Select(r => r.PersonId).Take(MaxOwnCandidates));
        }

        var entities = await persons.GetManyAsync(ParseIds(ids), cancellationToken);
        var hits = new List<ScreeningHit>();
        foreach (var entity in entities)
        {
            var facts = SuspectIndexing.Read(entity.Facts);
            var features = ScreeningAlgorithm.PersonFeaturesOf(s, name,
                SuspectNames.Written(facts).Select(w => (w, PersonNameFolding.Fold(w))).ToList(),
                facts.DateOfBirth, facts.Nationalities ?? [], facts.Documents?.Select(d => PersonIndexRows.NumberKey(d.Number ?? string.Empty)).ToList() ?? []);
            hits.Add(await OwnHitAsync("suspect", entity.RowKey, features, cancellationToken));
        }

        return hits;
    }

    private async Task<List<ScreeningHit>> CompanyHitsAsync(ScreeningSubject s, CancellationToken cancellationToken)
    {
        var (text, name) = CompanyName(s);
        var ids = new List<string>();
        if (name is { IsEmpty: false })
        {
            ids.AddRange((await personSearch.ByNameAsync(PersonKind.Company, name, null, null, MaxOwnCandidates, cancellationToken)).Candidates.Select(c => c.PersonId));
        }

        if (s.RegistrationNumber is { } registration)
        {
            ids.AddRange((await personSearch.ByNumberAsync(PersonKind.Company, PersonIndexRows.RegistrationPrefix, registration, null, cancellationToken)).Rows.Select(r => r.PersonId).Take(MaxOwnCandidates));
        }

        var entities = await persons.GetManyAsync(ParseIds(ids), cancellationToken);
        var hits = new List<ScreeningHit>();
        foreach (var entity in entities)
        {
            var facts = CompanyIndexing.Read(entity.Facts);
            var features = ScreeningAlgorithm.CompanyFeaturesOf(text, name, s.Country, s.RegistrationNumber,
                CompanyNames.Written(facts).Select(w => (w, CompanyNameFolding.Fold(w))).ToList(),
                facts.Country, facts.RegistrationNumbers?.Select(r => PersonIndexRows.NumberKey(r.Number ?? string.Empty)).ToList() ?? []);
            hits.Add(await OwnHitAsync("company", entity.RowKey, features, cancellationToken));
        }

        return hits;
    }

    private async Task<ScreeningHit> OwnHitAsync(string source, string personId, List<FeatureExplanation> features, CancellationToken cancellationToken)
    {
        var score = ScreeningAlgorithm.Combine(features);
        var match = score >= ScreeningAlgorithm.MatchThreshold;
        return new ScreeningHit
        {
            Source = source,
            Score = score,
            Match = match,
            Restricted = false,
            RecordId = personId,
            Explanations = features,
            PriorSeizures = match ? await PersonSeizuresAsync(personId, cancellationToken) : [],
        };
    }

    private async Task<List<PriorSeizure>> PersonSeizuresAsync(string personId, CancellationToken cancellationToken)
    {
        var (linked, _) = await links.ForPersonAsync(personId, null, MaxPriorSeizures, null, cancellationToken);
        var found = await Task.WhenAll(linked.Select(l => SeizureId.TryParse(l.RowKey, out var id) ? seizures.GetAsync(id.Value, cancellationToken) : Task.FromResult<StoredSeizure?>(null)));
        return found.OfType<StoredSeizure>().Select(f => new PriorSeizure(f.Seizure.Id, f.Seizure.SeizedAt, f.Seizure.Office,
            f.Seizure.Items.Select(i => i.Category).OfType<string>().Distinct().ToList(), f.Seizure.Concealment?.Method)).ToList();
    }

    private async Task<List<ScreeningHit>> ConveyanceHitsAsync(ScreeningSubject s, List<(string Scheme, string Value, bool Strong)> identifiers, CancellationToken cancellationToken)
    {
        var lookups = identifiers.Select(i => (Feature: $"identifier:{i.Scheme}", i.Scheme, i.Value, Score: i.Strong || i.Scheme == IdentifierSchemes.Vin ? 1.0 : ScreeningAlgorithm.WeakIdentifierScore)).ToList();
        if (s.Type == "vessel" && s.Name is { } vessel)
        {
            lookups.Add(("name", ConveyanceValidator.VesselName, ConveyanceValidator.VesselNameKey(vessel), ScreeningAlgorithm.VesselNameScore));
        }

        var found = await Task.WhenAll(lookups.Select(l => conveyances.LookupIdsAsync(l.Scheme, l.Value, cancellationToken)));
        var byConveyance = lookups.Zip(found)
            .SelectMany(pair => pair.Second.Select(id => (Id: id, Feature: new FeatureExplanation(pair.First.Feature, pair.First.Value, pair.First.Value, pair.First.Score, 1))))
            .GroupBy(x => x.Id, StringComparer.Ordinal)
            .Take(MaxOwnCandidates);
        var hits = new List<ScreeningHit>();
        foreach (var group in byConveyance)
        {
            var features = group.Select(g => g.Feature).ToList();
            var score = features.Max(f => f.Score);
            var match = score >= ScreeningAlgorithm.MatchThreshold;
            hits.Add(new ScreeningHit
            {
                Source = "conveyance",
                Score = score,
                Match = match,
                Restricted = false,
                RecordId = group.Key,
                Explanations = features,
                PriorSeizures = match ? await ConveyanceSeizuresAsync(group.Key, cancellationToken) : [],
            });
        }

        return hits;
    }

    private async Task<List<PriorSeizure>> ConveyanceSeizuresAsync(string conveyanceId, CancellationToken cancellationToken)
    {
        var cluster = await conveyances.ClusterAsync(conveyanceId, cancellationToken);
        var linked = await Task.WhenAll(cluster.Select(c => conveyances.SeizureLinksAsync(c, cancellationToken)));
        return linked.SelectMany(l => l).Where(l => l.Confirmed)
            .Select(l => new PriorSeizure(l.RowKey, l.SeizedAt, l.Office, l.Categories?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [], l.Concealment))
            .DistinctBy(p => p.SeizureId).OrderByDescending(p => p.SeizedAt, StringComparer.Ordinal).ToList();
    }

    private async Task<List<ScreeningHit>> SeizureHitsAsync(List<(string Scheme, string Value, bool Strong)> identifiers, CancellationToken cancellationToken)
    {
        var hits = new List<ScreeningHit>();
        foreach (var (scheme, value, _) in identifiers.Where(i => i.Strong))
        {
            var partition = ConveyanceStore.SeizureIndexPartition(scheme, value);
            var priors = new List<PriorSeizure>();
            await foreach (var page in conveyances.Index.QueryAsync<ConveyanceIndexRow>(r => r.PartitionKey == partition, ConveyanceStore.MaxRowsPerLookup, cancellationToken: cancellationToken).AsPages(pageSizeHint: ConveyanceStore.MaxRowsPerLookup))
            {
                priors.AddRange(page.Values.Select(r => new PriorSeizure(r.RowKey, r.SeizedAt ?? string.Empty, r.Office ?? string.Empty,
                    r.Categories?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [], r.Concealment)));
                break;
            }

            if (priors.Count > 0)
            {
                hits.Add(new ScreeningHit
                {
                    Source = "seizure",
                    Score = 1,
                    Match = true,
                    Restricted = false,
                    Explanations = [new($"identifier:{scheme}", value, value, 1, 1)],
                    PriorSeizures = priors.OrderByDescending(p => p.SeizedAt, StringComparer.Ordinal).ToList(),
                });
            }
        }

        return hits;
    }

    private static List<PersonId> ParseIds(IEnumerable<string> ids) =>
        ids.Distinct(StringComparer.Ordinal).Select(i => PersonId.TryParse(i, out var id) ? id : null).OfType<PersonId>().Take(MaxOwnCandidates * 2).ToList();
}
