using System.Collections.Frozen;

namespace Enforcement.Functions.NameMatching;

/// <summary>
/// Latin letters with diacritics and their base letters (lower case). The app runs with invariant globalization,
/// where string.Normalize does not decompose, so the decompositions are listed here: every letter of Latin-1
/// Supplement, Latin Extended-A and -B and Latin Extended Additional whose NFKD form is ASCII letters plus
/// combining marks (generated with Python's unicodedata), and the letters that do not decompose (ß, æ, ø, ł...).
/// </summary>
internal static class LatinLetters
{
    private const string Accented =
        "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆ" +
        "ćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐő" +
        "ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚ" +
        "ǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮ" +
        "ȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶ" +
        "ḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲ" +
        "ṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳ" +
        "ẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữ" +
        "ỰựỲỳỴỵỶỷỸỹ";

    private const string Bases =
        "aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaac" +
        "cccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooo" +
        "rrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzsoouuaaiioouuuuuuuu" +
        "uuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooo" +
        "oooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkl" +
        "lllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttu" +
        "uuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwysaaaaaaaaaaaaaaaaaaaa" +
        "aaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuu" +
        "uuyyyyyyyy";

    private static readonly FrozenDictionary<char, string> Folds = BuildFolds();

    /// <summary>The letter's base letters in lower case, or null when it has none to fold to.</summary>
    public static string? Fold(char c)
    {
        if (c is >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A' or >= '\uFF10' and <= '\uFF19')
        {
            // Full-width forms (East Asian keyboards): the same letters and digits.
            return char.ToLowerInvariant((char)(c - 0xFEE0)).ToString();
        }

        return Folds.GetValueOrDefault(c);
    }

    private static FrozenDictionary<char, string> BuildFolds()
    {
        var folds = new Dictionary<char, string>
        {
            ['Ĳ'] = "ij", ['ĳ'] = "ij", ['Ǆ'] = "dz", ['ǅ'] = "dz", ['ǆ'] = "dz", ['Ǉ'] = "lj",
            ['ǈ'] = "lj", ['ǉ'] = "lj", ['Ǌ'] = "nj", ['ǋ'] = "nj", ['ǌ'] = "nj", ['Ǳ'] = "dz",
            ['ǲ'] = "dz", ['ǳ'] = "dz", ['ß'] = "ss", ['ẞ'] = "ss", ['æ'] = "ae", ['Æ'] = "ae",
            ['œ'] = "oe", ['Œ'] = "oe", ['ø'] = "o", ['Ø'] = "o", ['đ'] = "d", ['Đ'] = "d",
            ['ð'] = "d", ['Ð'] = "d", ['ł'] = "l", ['Ł'] = "l", ['ı'] = "i", ['þ'] = "th",
            ['Þ'] = "th", ['ħ'] = "h", ['Ħ'] = "h", ['ŋ'] = "n", ['Ŋ'] = "n",
        };
        for (var i = 0; i < Accented.Length; i++)
        {
            folds[Accented[i]] = Bases[i].ToString();
        }

        return folds.ToFrozenDictionary();
    }
}
