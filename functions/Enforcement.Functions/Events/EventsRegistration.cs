using Enforcement.Functions.Hosting.FunctionApp;

namespace Enforcement.Functions.Events;

internal static class EventsRegistration
{
    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddSingleton<EventOutbox>();
        builder.Services.AddSingleton<IdempotencyKeys>();
        builder.Services.AddSingleton<CommitInterruption>();
        builder.Services.AddSingleton<OutboxPublisher>();
        builder.Services.AddHostedService(s => s.GetRequiredService<OutboxPublisher>());
        builder.Services.AddTimerFunction<OutboxRelayFunction>();
        builder.Services.AddQueueFunction<RecordEventsFunction>();
        return builder;
    }
}
