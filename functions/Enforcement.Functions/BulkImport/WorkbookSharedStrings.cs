using System.Buffers.Binary;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Enforcement.Functions.BulkImport;

/// <summary>
/// A workbook's shared strings: Excel stores the text of every text cell once in this table and writes its index in
/// the cell, so the table grows with the file (in a legacy export, every case number and description is there).
/// It is read with the SAX reader and spilled to two temporary files, the UTF-8 text and an 8-byte offset per string,
/// which cells read back by position: the import's memory stays the same whatever the workbook's size. The files are
/// deleted when this is disposed (or when the process ends).
/// </summary>
internal sealed class WorkbookSharedStrings : IDisposable
{
    /// <summary>More text than this (decompressed) is refused: a 100 MB workbook cannot honestly hold more.</summary>
    public const long MaxTextBytes = 1L << 30;

    /// <summary>More strings than a full sheet has cells in the CEN layout's columns are refused too.</summary>
    public const int MaxStrings = 20_000_000;

    private const int OffsetBytes = sizeof(long);

    private readonly FileStream _text = Spill();
    private readonly FileStream _offsets = Spill();
    private int _count;

    public static WorkbookSharedStrings Read(SharedStringTablePart? part, CancellationToken cancellationToken)
    {
        var strings = new WorkbookSharedStrings();
        try
        {
            if (part is not null)
            {
                strings.Load(part, cancellationToken);
            }

            return strings;
        }
        catch
        {
            strings.Dispose();
            throw;
        }
    }

    /// <summary>The string at <paramref name="index"/>, or empty for an index the table does not have.</summary>
    public string this[int index]
    {
        get
        {
            if (index < 0 || index >= _count)
            {
                return string.Empty;
            }

            Span<byte> bounds = stackalloc byte[2 * OffsetBytes];
            RandomAccess.Read(_offsets.SafeFileHandle, bounds, (long)index * OffsetBytes);
            var start = BinaryPrimitives.ReadInt64LittleEndian(bounds);
            var length = (int)(BinaryPrimitives.ReadInt64LittleEndian(bounds[OffsetBytes..]) - start);
            var bytes = new byte[length];
            RandomAccess.Read(_text.SafeFileHandle, bytes, start);
            return Encoding.UTF8.GetString(bytes);
        }
    }

    public void Dispose()
    {
        _text.Dispose();
        _offsets.Dispose();
    }

    private void Load(SharedStringTablePart part, CancellationToken cancellationToken)
    {
        Span<byte> offset = stackalloc byte[OffsetBytes];
        long position = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(SharedStringItem) || !reader.IsStartElement)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var bytes = Encoding.UTF8.GetBytes(Shown((SharedStringItem)reader.LoadCurrentElement()!));
            if (position + bytes.Length > MaxTextBytes || _count == MaxStrings)
            {
                throw new InvalidDataException($"The workbook's shared strings hold more than {MaxTextBytes / (1024 * 1024)} MB of text or {MaxStrings:N0} strings.");
            }

            BinaryPrimitives.WriteInt64LittleEndian(offset, position);
            _offsets.Write(offset);
            _text.Write(bytes);
            position += bytes.Length;
            _count++;
        }

        // The end of the last string, so that every string's length is the next offset minus its own.
        BinaryPrimitives.WriteInt64LittleEndian(offset, position);
        _offsets.Write(offset);
        _offsets.Flush();
        _text.Flush();
    }

    /// <summary>The text a cell shows: plain text, or its rich-text runs joined; not the phonetic guides (rPh) that
    /// Japanese workbooks add beside it.</summary>
    private static string Shown(SharedStringItem item)
    {
        var text = new StringBuilder();
        foreach (var child in item.ChildElements)
        {
            if (child is Text plain)
            {
                text.Append(plain.Text);
            }
            else if (child is Run run)
            {
                text.Append(run.Text?.Text);
            }
        }

        return text.ToString();
    }

    private static FileStream Spill() =>
        new(Path.Combine(Path.GetTempPath(), "enforcement-import-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            bufferSize: 64 * 1024, FileOptions.DeleteOnClose);
}
