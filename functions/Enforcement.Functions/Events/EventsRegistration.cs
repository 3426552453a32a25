using Enforcement.Functions.Hosting;

namespace Enforcement.Functions.Events;

internal static class EventsRegistration
{
    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<OutboxOptions>(OutboxOptions.Section);
        builder.Services.AddSingleton<EventOutbox>();
        builder.Services.AddSingleton<IdempotencyKeys>();
        builder.Services.AddSingleton<CommitInterruption>();
        builder.Services.AddSingleton<OutboxPublisher>();
        builder.Services.AddHostedService(s => s.GetRequiredService<OutboxPublisher>());
        return builder;
    }
}
