using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Enforcement.Functions.ApiDocs;

/// <summary>Applies <see cref="ContractConstraints"/> to the schemas generated from the contract records.</summary>
internal sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly System.Reflection.NullabilityInfoContext Nullability = new();

    private static bool IsNullable(System.Text.Json.Serialization.Metadata.JsonPropertyInfo property)
    {
        if (Nullable.GetUnderlyingType(property.PropertyType) is not null)
        {
            return true;
        }

        lock (Nullability)
        {
            return property.AttributeProvider is System.Reflection.PropertyInfo info && Nullability.Create(info).ReadState == System.Reflection.NullabilityState.Nullable;
        }
    }

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // Numbers may be read from strings, but the server writes numbers: describe them as numbers only.
        if (schema.Type is { } numeric && (numeric.HasFlag(JsonSchemaType.Integer) || numeric.HasFlag(JsonSchemaType.Number)) && numeric.HasFlag(JsonSchemaType.String))
        {
            schema.Type = numeric & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (context.JsonPropertyInfo is not { } property)
        {
            // Positional records list every parameter as required; a nullable one is left out of the JSON when null.
            foreach (var member in context.JsonTypeInfo.Properties.Where(IsNullable))
            {
                schema.Required?.Remove(member.Name);
            }

            if (ContractConstraints.Required.TryGetValue(context.JsonTypeInfo.Type, out var required))
            {
                schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
                foreach (var name in required)
                {
                    schema.Required.Add(name);
                }
            }

            return Task.CompletedTask;
        }

        var declaringType = property.DeclaringType;
        if (ContractConstraints.ByType.TryGetValue(declaringType, out var constraints) && constraints.TryGetValue(property.Name, out var constraint))
        {
            constraint(schema);
        }
        else if (schema.Format == "date-time")
        {
            ContractConstraints.DateTime(schema);
        }

        // A field the validator requires is never null: keep it required when nullable fields are made optional.
        if (ContractConstraints.Required.TryGetValue(declaringType, out var requiredFields) && requiredFields.Contains(property.Name)
            && schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        {
            schema.Type = type & ~JsonSchemaType.Null;
        }

        if (ContractConstraints.Responses.Contains(declaringType) && ContractConstraints.ServerSet.Contains(property.Name))
        {
            schema.ReadOnly = true;
        }

        return Task.CompletedTask;
    }
}
