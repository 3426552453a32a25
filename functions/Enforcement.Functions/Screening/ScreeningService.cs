using System.Globalization;
using System.Text.Json;
using Enforcement.Functions.Http;
using Enforcement.Functions.RiskRules;
using Enforcement.Functions.Storage;
using Enforcement.Functions.WatchLists;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Screening;

/// <summary>
/// Screens a batch: every subject's hits (watch lists and own records, in parallel, a bounded number of lookups each),
/// suppressions, rule hits, lane and random draw; stores the decision and counts each active rule's hits. The lists
/// and rules are read once per batch (one partition each).
/// </summary>
internal sealed class ScreeningService(
    SubjectMatcher matcher, WatchListStore watchLists, RuleStore rules, ScreeningStore store, IOptions<ScreeningOptions> options, TimeProvider time)
{
    /// <summary>The strongest hits kept per subject (matches first: they sort by score).</summary>
    public const int MaxHitsPerSubject = 50;

    public async Task<(ScreeningDecision Decision, DecisionEntity Entity)> ScreenAsync(
        string decisionId, ScreeningContext? context, IReadOnlyList<ScreeningSubject> subjects, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var at = context?.Date is { } date ? new DateTimeOffset(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), TimeOnly.MinValue, TimeSpan.Zero) : now;
        var settings = options.Value;
        var seed = RandomFloor.SeedBytes(settings.RandomSeed);
        var listsTask = watchLists.ListsAsync(cancellationToken);
        var rulesTask = rules.AllAsync(cancellationToken);
        var active = (await rulesTask).Select(r => (Entity: r, Facts: RuleStore.Facts(r))).Where(r => RuleEvaluation.IsActiveAt(r.Facts, now)).ToList();
        var lists = await listsTask;

        var results = new SubjectResult[subjects.Count];
        var rows = new SubjectResultEntity[subjects.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, subjects.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var subject = subjects[i];
            var fingerprint = Fingerprint(subject);
            var watchTask = matcher.WatchListHitsAsync(subject, now, at, ct);
            var ownTask = matcher.OwnHitsAsync(subject, ct);
            var suppressions = await store.SuppressionsAsync(fingerprint, now, ct);
            var hits = (await watchTask).Select(h => h.EntryId is { } entry && suppressions.TryGetValue(entry, out var s)
                    ? h with { Match = false, Suppressed = new ScreeningSuppression(s.Reviewer, s.Reason, s.ExpiresAt) }
                    : h)
                .Concat(await ownTask)
                .OrderByDescending(h => h.Score)
                .Take(MaxHitsPerSubject)
                .ToList();
            var ruleHits = new List<RuleHit>();
            var ruleSubject = RuleSubjectOf(subject, hits, at);
            foreach (var (entity, facts) in active)
            {
                var (hit, because) = RuleEvaluation.Evaluate(facts.Condition!, ruleSubject);
                if (hit)
                {
                    ruleHits.Add(new RuleHit(entity.RowKey, facts.Name!, entity.Version, facts.Weight!.Value, because));
                }
            }

            var total = ruleHits.Sum(r => r.Weight);
            var draw = RandomFloor.Draw(seed, decisionId, subject.Key!);
            var randomly = draw < settings.MinimumRandomRate;
            var (lane, reason) = total >= settings.RedFromWeight ? ("red", "rules")
                : randomly ? ("red", "random")
                : total >= settings.YellowFromWeight ? ("yellow", "rules")
                : ("green", "none");
            results[i] = new SubjectResult
            {
                Key = subject.Key!,
                Type = subject.Type!,
                Lane = lane,
                LaneReason = reason,
                TotalWeight = total,
                Random = new RandomSelection(Math.Round(draw, 6), settings.MinimumRandomRate, randomly, RandomFloor.SeedId(seed)),
                Hits = hits,
                RuleHits = ruleHits,
            };
            rows[i] = new SubjectResultEntity
            {
                PartitionKey = decisionId,
                RowKey = "s|" + subject.Key,
                Result = JsonSerializer.Serialize(results[i], JsonBody.Options),
                Fingerprint = fingerprint,
                RuleIds = string.Join(',', ruleHits.Select(r => r.RuleId)),
            };
        });

        var decision = new ScreeningDecision
        {
            DecisionId = decisionId,
            ScreenedAt = now,
            AlgorithmVersion = ScreeningAlgorithm.Version,
            MatchThreshold = ScreeningAlgorithm.MatchThreshold,
            Context = context,
            ListVersions = lists.ToDictionary(l => l.RowKey, l => l.Version),
            RuleVersions = active.ToDictionary(r => r.Entity.RowKey, r => r.Entity.Version),
            Results = results,
        };
        var entity = new DecisionEntity
        {
            PartitionKey = decisionId,
            RowKey = DecisionEntity.DecisionRow,
            ScreenedBy = actor,
            ScreenedAt = now,
            Context = context is null ? null : JsonSerializer.Serialize(context, JsonBody.Options),
            ListVersions = JsonSerializer.Serialize(decision.ListVersions, JsonBody.Options),
            RuleVersions = JsonSerializer.Serialize(decision.RuleVersions, JsonBody.Options),
            Subjects = subjects.Count,
        };
        await store.SaveAsync(entity, rows, cancellationToken);
        var month = now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await Task.WhenAll(active.Select(r => rules.CountAsync(r.Entity.RowKey, month, subjects.Count, results.Count(x => x.RuleHits.Any(h => h.RuleId == r.Entity.RowKey)), 0, 0, 0, cancellationToken)));
        return (decision, entity);
    }

    public static ScreeningDecision Rebuild(DecisionEntity entity, IEnumerable<SubjectResultEntity> rows) => new()
    {
        DecisionId = entity.PartitionKey,
        ScreenedAt = entity.ScreenedAt,
        AlgorithmVersion = ScreeningAlgorithm.Version,
        MatchThreshold = ScreeningAlgorithm.MatchThreshold,
        Context = entity.Context is null ? null : JsonSerializer.Deserialize<ScreeningContext>(entity.Context, JsonBody.Options),
        ListVersions = JsonSerializer.Deserialize<Dictionary<string, int>>(entity.ListVersions, JsonBody.Options)!,
        RuleVersions = JsonSerializer.Deserialize<Dictionary<string, int>>(entity.RuleVersions, JsonBody.Options)!,
        Results = rows.Select(ScreeningStore.ReadResult).ToList(),
    };

    private static RuleSubject RuleSubjectOf(ScreeningSubject s, List<ScreeningHit> hits, DateTimeOffset at)
    {
        var matches = hits.Where(h => h.Match).ToList();
        var countries = (s.Route ?? []).Append(s.Origin).OfType<string>().Distinct().ToList();
        return new RuleSubject(
            s.Type!,
            countries,
            s.HsCodes ?? [],
            s.Nationality,
            matches.Where(h => h.Source is "conveyance" or "seizure").SelectMany(h => h.PriorSeizures).ToList(),
            matches.SelectMany(h => h.PriorSeizures).ToList(),
            matches.Any(h => h.Source == "company" && h.PriorSeizures.Count > 0),
            matches.Any(h => h.Source == "watchlist"),
            at);
    }

    /// <summary>What identifies a subject across screenings, so that a suppression applies to it and no other.</summary>
    public static string Fingerprint(ScreeningSubject s)
    {
        var identity = s.Type switch
        {
            "person" => s.DocumentNumber ?? $"{string.Join(' ', SubjectMatcher.PersonName(s)?.DistinctKeys ?? [])}|{s.DateOfBirth}",
            "company" => s.RegistrationNumber ?? $"{string.Join(' ', SubjectMatcher.CompanyName(s).Folded?.DistinctKeys ?? [])}|{s.Country}",
            "consignment" => $"{string.Join(' ', SubjectMatcher.CompanyName(s).Folded?.DistinctKeys ?? [])}|{string.Join('>', s.Route ?? [])}|{s.ContainerNumber}",
            _ => SubjectMatcher.Identifiers(s).Select(i => $"{i.Scheme}:{i.Value}").FirstOrDefault() ?? s.Name ?? string.Empty,
        };
        return Sha256Hex.Of($"{s.Type}|{identity}")[..32];
    }
}
