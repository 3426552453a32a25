using System.ComponentModel.DataAnnotations;

namespace Enforcement.Functions.Groups;

/// <summary>Section "Groups": the server-wide bounds a group's retention must stay within.</summary>
internal sealed class GroupOptions
{
    public const string Section = "Groups";

    [Range(1, 36500)]
    public int MinRetentionDays { get; set; } = 30;

    [Range(1, 36500)]
    public int MaxRetentionDays { get; set; } = 3650;

    [Range(1, 36500)]
    public int DefaultRetentionDays { get; set; } = 730;
}
