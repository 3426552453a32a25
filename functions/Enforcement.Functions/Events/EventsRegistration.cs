namespace Enforcement.Functions.Events;

internal static class EventsRegistration
{
    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddSingleton<EventOutbox>();
        return builder;
    }
}
