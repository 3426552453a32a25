using System.ComponentModel.DataAnnotations;

namespace Enforcement.Functions.Screening;

/// <summary>Lanes and the random floor ("Screening" section), validated on start.</summary>
internal sealed class ScreeningOptions : IValidatableObject
{
    public const string Section = "Screening";
    public const int MaxLaneWeight = 100000;

    /// <summary>A total rule weight from this is yellow (documentary check).</summary>
    [Range(1, MaxLaneWeight)]
    public int YellowFromWeight { get; set; } = 50;

    /// <summary>A total rule weight from this is red (physical examination).</summary>
    [Range(1, MaxLaneWeight)]
    public int RedFromWeight { get; set; } = 100;

    /// <summary>The share of subjects selected red at random whatever their rules say (so compliance can be measured).</summary>
    [Range(0.0, 1.0)]
    public double MinimumRandomRate { get; set; } = 0.02;

    /// <summary>The secret seed of the random selection (at least 16 characters; in Azure from Key Vault). With it, an
    /// auditor recomputes any draw; without it, nobody can predict one.</summary>
    [Required]
    [MinLength(16)]
    public string RandomSeed { get; set; } = "development-only-random-seed";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RedFromWeight <= YellowFromWeight)
        {
            yield return new ValidationResult("RedFromWeight must be above YellowFromWeight.", [nameof(RedFromWeight)]);
        }
    }
}
