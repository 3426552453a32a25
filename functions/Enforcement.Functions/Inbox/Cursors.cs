using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Inbox;

/// <summary>Time-ordered keys (<see cref="TimeOrderedKey"/>) that also strictly increase within this process, so two
/// items made in the same millisecond (or under a stopped test clock) keep the order they were made in.</summary>
internal static class Cursors
{
    private static long _lastMillis;

    public static string Next(DateTimeOffset now)
    {
        long millis, last;
        do
        {
            last = Interlocked.Read(ref _lastMillis);
            millis = Math.Max(now.ToUnixTimeMilliseconds(), last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastMillis, millis, last) != last);

        return TimeOrderedKey.New(DateTimeOffset.FromUnixTimeMilliseconds(millis));
    }

    /// <summary>The key with every character mirrored in the alphabet: sorts newest first.</summary>
    public static string Descending(string key) =>
        string.Concat(key.Select(c => TimeOrderedKey.Alphabet[TimeOrderedKey.Alphabet.Length - 1 - TimeOrderedKey.Alphabet.IndexOf(c)]));
}
