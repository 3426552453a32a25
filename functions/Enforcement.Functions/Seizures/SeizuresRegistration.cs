namespace Enforcement.Functions.Seizures;

internal static class SeizuresRegistration
{
    public static WebApplicationBuilder AddSeizures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SeizureStore>();
        builder.Services.AddSingleton<SeizureFilterIndex>();
        builder.Services.AddSingleton<Events.IRecordEventHandler, SeizureFilterIndexer>();
        builder.Services.AddSingleton<Events.ICommitFollowUp, SeizureOfficeListing>();
        return builder;
    }
}
