using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Enforcement.Functions.Photos;

/// <summary>The exact bytes received, with their SHA-256 computed while they were read.</summary>
internal sealed record ReceivedPhoto(ReadOnlyMemory<byte> Bytes, string Sha256, PhotoFormat? DeclaredFormat)
{
    public long Size => Bytes.Length;
}

/// <summary>A photo body read from the request, or why it was not: a status (400, 413, 415) and the field at fault.</summary>
internal sealed record PhotoBodyResult(ReceivedPhoto? Photo, PhotoDetails Details, int Status, string? Field, string? Detail)
{
    public static PhotoBodyResult Read(ReceivedPhoto photo, PhotoDetails details) => new(photo, details, StatusCodes.Status200OK, null, null);

    public static PhotoBodyResult Failed(int status, string field, string detail) => new(null, new PhotoDetails(), status, field, detail);
}

/// <summary>
/// Reads a photo from a request: the raw body (image/jpeg or image/png, caption and takenAt as query parameters) or
/// multipart/form-data (parts "file", "caption", "takenAt"), streaming through SHA-256 with a size cap, never
/// buffering more than <see cref="PhotoOptions.MaxBytes"/>.
/// </summary>
internal static class PhotoBody
{
    public const string FileField = "file";
    public const string CaptionField = "caption";
    public const string TakenAtField = "takenAt";

    /// <summary>Room for the multipart boundaries, part headers, caption and takenAt around the file.</summary>
    public const long MultipartOverhead = 64 * 1024;

    private const int MaxTextPartBytes = 8 * 1024;

    public static async Task<PhotoBodyResult> ReadAsync(HttpRequest request, PhotoOptions options, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType ?? string.Empty;
        var isMultipart = contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (request.ContentLength > options.MaxBytes + (isMultipart ? MultipartOverhead : 0))
        {
            return TooLarge(options, isMultipart ? FileField : "body");
        }

        if (isMultipart)
        {
            return await ReadMultipartAsync(request, options, cancellationToken);
        }

        var declared = PhotoFormats.FromMediaType(contentType);
        if (declared is null)
        {
            return PhotoBodyResult.Failed(StatusCodes.Status415UnsupportedMediaType, "Content-Type",
                "Send the photo as image/jpeg or image/png (caption and takenAt as query parameters), or as multipart/form-data with the parts file, caption and takenAt.");
        }

        var photo = await ReadCappedAsync(request.Body, options.MaxBytes, declared, cancellationToken, request.ContentLength);
        var details = new PhotoDetails { Caption = request.Query[CaptionField].FirstOrDefault(), TakenAt = request.Query[TakenAtField].FirstOrDefault() };
        return photo is null ? TooLarge(options, "body") : PhotoBodyResult.Read(photo, details);
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>, hashing as it goes; null when the stream holds more.
    /// <paramref name="expectedLength"/> (Content-Length) sizes the buffer once instead of doubling it.</summary>
    public static async Task<ReceivedPhoto?> ReadCappedAsync(Stream stream, long maxBytes, PhotoFormat? declared, CancellationToken cancellationToken, long? expectedLength = null)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new MemoryStream(expectedLength is > 0 ? (int)Math.Min(expectedLength.Value, maxBytes) : 0);
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            sha256.AppendData(chunk, 0, read);
            buffer.Write(chunk, 0, read);
        }

        return new ReceivedPhoto(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), Convert.ToHexStringLower(sha256.GetHashAndReset()), declared);
    }

    private static async Task<PhotoBodyResult> ReadMultipartAsync(HttpRequest request, PhotoOptions options, CancellationToken cancellationToken)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            return PhotoBodyResult.Failed(StatusCodes.Status400BadRequest, "Content-Type", "multipart/form-data needs a boundary.");
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        ReceivedPhoto? photo = null;
        string? caption = null, takenAt = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return PhotoBodyResult.Failed(StatusCodes.Status400BadRequest, "$", "Every part needs Content-Disposition: form-data with a name.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                switch (name)
                {
                    case FileField when photo is null:
                        var declared = PhotoFormats.FromMediaType(section.ContentType);
                        if (section.ContentType is { } partType && declared is null && !partType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
                        {
                            return PhotoBodyResult.Failed(StatusCodes.Status415UnsupportedMediaType, FileField, "The file must be an image/jpeg or image/png.");
                        }

                        photo = await ReadCappedAsync(section.Body, options.MaxBytes, declared, cancellationToken);
                        if (photo is null)
                        {
                            return TooLarge(options, FileField);
                        }

                        break;
                    case CaptionField when caption is null:
                        caption = await ReadTextAsync(section.Body, cancellationToken);
                        if (caption is null)
                        {
                            return PhotoBodyResult.Failed(StatusCodes.Status400BadRequest, CaptionField, $"At most {options.MaxCaptionLength} characters.");
                        }

                        break;
                    case TakenAtField when takenAt is null:
                        takenAt = await ReadTextAsync(section.Body, cancellationToken);
                        if (takenAt is null)
                        {
                            return PhotoBodyResult.Failed(StatusCodes.Status400BadRequest, TakenAtField, "Must be a date and time with its offset.");
                        }

                        break;
                    case FileField or CaptionField or TakenAtField:
                        return PhotoBodyResult.Failed(StatusCodes.Status400BadRequest, name, "This part is sent more than once.");
                    default:
                        return PhotoBodyResult.Failed(StatusCodes.Status400BadRequest, name.Length is > 0 and <= 64 ? name : "$", "This part is not part of a photo upload.");
                }
            }
        }
        catch (InvalidDataException)
        {
            return PhotoBodyResult.Failed(StatusCodes.Status400BadRequest, "$", "The multipart body is malformed.");
        }
        catch (IOException ex) when (ex is not BadHttpRequestException and not Http.BodyTooSlowException)
        {
            // The whole body arrived but ends inside a part (no closing boundary): the reader meets the end of the stream.
            return PhotoBodyResult.Failed(StatusCodes.Status400BadRequest, "$", "The multipart body ends in the middle of a part.");
        }

        return photo is null
            ? PhotoBodyResult.Failed(StatusCodes.Status400BadRequest, FileField, "Required: the photo, as the part named file.")
            : PhotoBodyResult.Read(photo, new PhotoDetails { Caption = caption, TakenAt = takenAt });
    }

    private static async Task<string?> ReadTextAsync(Stream body, CancellationToken cancellationToken)
    {
        var bytes = await ReadCappedAsync(body, MaxTextPartBytes, null, cancellationToken);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes.Bytes.Span);
    }

    private static PhotoBodyResult TooLarge(PhotoOptions options, string field) =>
        PhotoBodyResult.Failed(StatusCodes.Status413PayloadTooLarge, field,
            string.Create(CultureInfo.InvariantCulture, $"A photo may be at most {options.MaxBytes:N0} bytes."));
}

/// <summary>Caption and takenAt, checked: a caption of printable text within the limit, takenAt with its offset.</summary>
internal static class PhotoDetailsValidator
{
    public static (string? Caption, DateTimeOffset? TakenAt, Dictionary<string, string[]> Errors) Validate(PhotoDetails details, PhotoOptions options, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var caption = string.IsNullOrWhiteSpace(details.Caption) ? null : details.Caption.Trim();
        if (caption is not null && (caption.Length > options.MaxCaptionLength || caption.Any(c => char.IsControl(c) && c is not '\n' and not '\t')))
        {
            errors[PhotoBody.CaptionField] = [$"At most {options.MaxCaptionLength} characters of text (line breaks allowed)."];
        }

        DateTimeOffset? takenAt = null;
        if (!string.IsNullOrWhiteSpace(details.TakenAt))
        {
            var text = details.TakenAt.Trim();
            var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
            if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                errors[PhotoBody.TakenAtField] = ["Must be an ISO 8601 date and time with its offset, e.g. 2026-11-20T14:30:00+05:00."];
            }
            else if (parsed > now.AddDays(1))
            {
                errors[PhotoBody.TakenAtField] = ["Cannot be in the future."];
            }
            else
            {
                takenAt = parsed;
            }
        }

        return (caption, takenAt, errors);
    }
}
