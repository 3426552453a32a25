using System.Security.Cryptography;
using System.Text;

namespace Enforcement.Functions.Storage;

/// <summary>Lower-case hex SHA-256: content hashes, and keys made from values Table keys cannot hold as they are.</summary>
internal static class Sha256Hex
{
    public static string Of(string value) => Of(Encoding.UTF8.GetBytes(value));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
