namespace Enforcement.Functions.Hosting;

/// <summary>What the app is made of, handed to whichever host runs it, so both modes serve exactly the same app:
/// its services, its middleware (in order) and its endpoints.</summary>
internal sealed record AppComposition(
    Action<IHostApplicationBuilder> AddServices,
    Action<IApplicationBuilder> UseMiddleware,
    Action<IEndpointRouteBuilder> MapEndpoints);
