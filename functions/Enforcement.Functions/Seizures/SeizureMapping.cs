using System.Globalization;
using System.Text.Json;
using Enforcement.Functions.Http;

namespace Enforcement.Functions.Seizures;

internal static class SeizureMapping
{
    public static string ETagFor(int version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    public static SeizureFacts ReadFacts(SeizureEntity entity) =>
        JsonSerializer.Deserialize<SeizureFacts>(entity.Facts, JsonBody.Options)
        ?? throw new InvalidOperationException($"Seizure {entity.RowKey} has no facts.");

    public static Seizure ToSeizure(SeizureEntity entity) => ToSeizure(entity, ReadFacts(entity));

    public static Seizure ToSeizure(SeizureEntity entity, SeizureFacts facts) => new()
    {
        Id = entity.RowKey,
        Version = entity.Version,
        ETag = ETagFor(entity.Version),
        RecordedAt = entity.RecordedAt,
        UpdatedAt = entity.UpdatedAt,
        SeizedAt = facts.SeizedAt!,
        Office = facts.Office!,
        Procedure = facts.Procedure!,
        DetectionMethod = facts.DetectionMethod!,
        Items = facts.Items ?? [],
        Concealment = facts.Concealment,
        Conveyance = facts.Conveyance,
        Route = facts.Route,
        Narrative = facts.Narrative,
        Source = entity.SourceImportJob is null ? null : new RecordSource("import", entity.SourceImportJob, entity.SourceRow ?? 0, entity.LegacyCaseNumber),
        OperationId = facts.OperationId,
    };
}
