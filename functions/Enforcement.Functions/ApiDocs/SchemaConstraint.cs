using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Enforcement.Functions.ApiDocs;

/// <summary>A change to a property's schema that states what the server accepts or returns.</summary>
internal delegate void SchemaConstraint(OpenApiSchema schema);

/// <summary>The building blocks of <see cref="ContractConstraints"/>.</summary>
internal static class Constrain
{
    /// <summary>Free text: the validators (FactChecks.Text) refuse control characters other than tab and line breaks.</summary>
    public const string NoControlCharacters = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$";

    /// <summary>ISO 8601 date-time with offset as .NET writes it (seven fraction digits at most).</summary>
    public const int DateTimeLength = 35;

    public static SchemaConstraint Text(int maxLength) => s =>
    {
        s.MaxLength = maxLength;
        s.Pattern = NoControlCharacters;
    };

    public static SchemaConstraint Pattern(string pattern, int maxLength, string? example = null) => s =>
    {
        s.Pattern = pattern;
        s.MaxLength = maxLength;
        if (example is not null)
        {
            s.Examples = [JsonValue.Create(example)];
        }
    };

    public static SchemaConstraint Code(IEnumerable<string> values) => s =>
    {
        s.Enum = values.Order(StringComparer.Ordinal).Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        s.MaxLength = null;
        s.Pattern = null;
    };

    public static SchemaConstraint Format(string format, int maxLength) => s =>
    {
        s.Format = format;
        s.MaxLength = maxLength;
    };

    public static SchemaConstraint Range(decimal minimum, decimal maximum) => s =>
    {
        s.Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        s.Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
    };

    public static SchemaConstraint ExclusiveMinimum(decimal minimum, decimal maximum) => s =>
    {
        s.ExclusiveMinimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        s.Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
    };

    /// <summary>An array of at most <paramref name="maxItems"/> entries, each constrained by <paramref name="item"/>.</summary>
    public static SchemaConstraint List(int maxItems, SchemaConstraint? item = null, int minItems = 0) => s =>
    {
        s.MaxItems = maxItems;
        if (minItems > 0)
        {
            s.MinItems = minItems;
        }

        if (item is not null && s.Items is OpenApiSchema itemSchema)
        {
            item(itemSchema);
        }
    };

    /// <summary>A map (JSON object with arbitrary keys) whose values are constrained by <paramref name="value"/>.</summary>
    public static SchemaConstraint Map(int maxProperties, SchemaConstraint value) => s =>
    {
        s.MaxProperties = maxProperties;
        if (s.AdditionalProperties is OpenApiSchema valueSchema)
        {
            value(valueSchema);
        }
    };

    public static SchemaConstraint All(params SchemaConstraint[] constraints) => s =>
    {
        foreach (var constraint in constraints)
        {
            constraint(s);
        }
    };

    public static SchemaConstraint Describe(string description) => s => s.Description = description;
}
