using Enforcement.Functions.Cases;
using Enforcement.Functions.Groups;
using Enforcement.Functions.Conveyances;
using Enforcement.Functions.Links;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Photos;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.WatchLists;
using Enforcement.Functions.Webhooks;

namespace Enforcement.Functions.Events;

/// <summary>
/// Every consumer of the record event pipeline (queue "seizure-events"), in one place: each handler says which event
/// types it takes, and <see cref="RecordEventsFunction"/> hands every event to all of its takers, in this order.
/// </summary>
internal static class EventSubscriptions
{
    public static IHostApplicationBuilder AddEventHandlers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IRecordEventHandler, SeizureFilterIndexer>();   // seizure.recorded/updated → month listing filters
        services.AddSingleton<IRecordEventHandler, WebhookFanOut>();          // partner-visible events → webhook deliveries
        services.AddSingleton<IRecordEventHandler, PersonIndexer>();          // suspect.*, company.* → search index (repair path)
        services.AddSingleton<IRecordEventHandler, LinkMirror>();             // link.changed → person-side mirror (repair path)
        services.AddSingleton<IRecordEventHandler, LinkedSeizureOffices>();   // seizure.updated → offices that may read linked persons
        services.AddSingleton<IRecordEventHandler, OperationSeizureLinker>();  // seizure.* with an operationId → linked into its group, system message
        services.AddSingleton<IRecordEventHandler, PhotoEventsHandler>();     // photo.withdrawn → acknowledged (nothing else takes it yet)
        services.AddSingleton<IRecordEventHandler, Statistics.StatisticsAggregator>(); // seizure.recorded/updated → statistics aggregates
        services.AddSingleton<IRecordEventHandler, CaseNotices>();            // case.assigned/opened, deadlines, task reminders → inbox notices
        services.AddSingleton<IRecordEventHandler, SeizureConveyanceResolver>(); // seizure.* → conveyance links (resolved or candidates)
        services.AddSingleton<IRecordEventHandler, WatchListIntake>();        // seizure.*, suspect.*, company.*, conveyance.recorded → watchlist.hit (once per match)
        services.AddSingleton<IRecordEventHandler, WatchListHitNotices>();    // watchlist.hit → a notice in the entry owner's inbox (once per hit)
        return builder;
    }
}
