using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enforcement.Functions.Identifiers;

public sealed record IdentifierCheck
{
    /// <summary>imo, mmsi, call-sign, iso6346, vin, icao24, aircraft-registration, plate, mrz.</summary>
    public string? Scheme { get; init; }

    public string? Value { get; init; }
}

/// <summary>POST /api/identifiers/validate: one identifier checked the way conveyance records and screening check it.</summary>
internal static class IdentifierEndpoints
{
    public const int MaxValueLength = IdentifierSchemes.MaxValueLength;

    public static RouteGroupBuilder MapIdentifiers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/identifiers").WithTags("Targeting");
        group.MapPost("/validate", ValidateIdentifier).WithName(nameof(ValidateIdentifier)).RequireAuthorization(Policies.UseTargeting)
            .AcceptsJson<IdentifierCheck>()
            .WithSummary("Check an identifier (IMO, ISO 6346, VIN, MRZ, MMSI, ICAO address...): validity, normalised form, expected check digit, warnings");
        return group;
    }

    public static async Task<Results<Ok<IdentifierValidation>, ValidationProblem, ProblemHttpResult>> ValidateIdentifier(HttpContext context, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<IdentifierCheck>(context.Request, cancellationToken);
        if (!body.Succeeded)
        {
            return Problems.Invalid(body.Errors);
        }

        var errors = new FieldErrors();
        if (body.Value!.Scheme is not { } scheme || !IdentifierSchemes.All.Contains(scheme, StringComparer.Ordinal))
        {
            errors.Add("scheme", $"Must be one of {string.Join(", ", IdentifierSchemes.All)}.");
        }

        FactChecks.Text(body.Value.Value, "value", MaxValueLength, errors, required: true);

        return errors.Count > 0 ? Problems.Invalid(errors.ToDictionary()) : TypedResults.Ok(IdentifierSchemes.Validate(body.Value.Scheme!, body.Value.Value!));
    }
}
