using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Enforcement.Functions.Seizures;

internal static class SeizuresRegistration
{
    public static IHostApplicationBuilder AddSeizures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SeizureStore>();
        builder.Services.TryAddSingleton<SeizureReader>();
        builder.Services.AddSingleton<SeizureFilterIndex>();
        builder.Services.AddSingleton<Events.ICommitFollowUp, SeizureOfficeListing>();
        return builder;
    }
}
