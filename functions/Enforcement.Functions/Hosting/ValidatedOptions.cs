using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Hosting;

/// <summary>An options class that says, in words an operator can act on, what is wrong with its values.</summary>
internal interface IValidatedOptions
{
    IEnumerable<string> Problems(IHostEnvironment environment);
}

/// <summary>
/// The one way options are registered: bound from their configuration section with <c>BindConfiguration</c> and
/// validated when the app starts, so a bad setting stops the app with every problem listed instead of failing the
/// first request that reads it.
/// </summary>
internal static class ValidatedOptions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class, IValidatedOptions
    {
        services.AddSingleton<IValidateOptions<T>, ProblemsValidation<T>>();
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    private sealed class ProblemsValidation<T>(IHostEnvironment environment) : IValidateOptions<T>
        where T : class, IValidatedOptions
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            options.Problems(environment).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
