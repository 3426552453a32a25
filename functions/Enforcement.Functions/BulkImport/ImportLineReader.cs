using System.Text;

namespace Enforcement.Functions.BulkImport;

/// <summary>
/// Lines of a CSV or JSON Lines file (ended by LF, CRLF or CR, as <see cref="StreamReader.ReadLineAsync()"/> ends
/// them), each at most <see cref="MaxLineChars"/> long. A reader that takes any line whole would hold a 100 MB file
/// with no line break (or a CSV quote never closed) in memory at once; this one stops with an error naming the line.
/// </summary>
internal sealed class ImportLineReader(TextReader reader)
{
    /// <summary>Far beyond any real record (a seizure's whole JSON body is limited to much less).</summary>
    public const int MaxLineChars = 1024 * 1024;

    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _line = new();
    private int _start;
    private int _end;
    private bool _skipLineFeed;

    /// <summary>The number of lines read so far (1 after the first).</summary>
    public int LinesRead { get; private set; }

    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                if (_end == 0)
                {
                    return _line.Length > 0 ? Ended() : null;
                }
            }

            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_start] == '\n')
                {
                    _start++;
                    continue;
                }
            }

            var rest = _buffer.AsSpan(_start, _end - _start);
            var stop = rest.IndexOfAny('\r', '\n');
            var text = stop < 0 ? rest : rest[..stop];
            if (_line.Length + text.Length > MaxLineChars)
            {
                throw new InvalidDataException($"Line {LinesRead + 1} is longer than {MaxLineChars:N0} characters.");
            }

            _line.Append(text);
            if (stop < 0)
            {
                _start = _end;
                continue;
            }

            _skipLineFeed = rest[stop] == '\r';
            _start += stop + 1;
            return Ended();
        }
    }

    private string Ended()
    {
        LinesRead++;
        return _line.ToString();
    }
}
