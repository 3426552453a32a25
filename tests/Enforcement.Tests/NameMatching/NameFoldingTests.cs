using Enforcement.Functions.NameMatching;

namespace Enforcement.Tests.NameMatching;

public sealed class NameFoldingTests
{
    [Theory]
    [InlineData("Muhammad", "Mohammad", "Mohammed", "Muhammed", "Mohamed", "Mohamad", "Mohd", "Md")]
    [InlineData("Khan", "Khaan", "Kahn")]
    [InlineData("Yusuf", "Yousuf", "Yousef", "Youssef")]
    [InlineData("Hussain", "Husain", "Hussein", "Hossain", "Husayn")]
    [InlineData("Siddiqui", "Siddiqi", "Siddique")]
    [InlineData("Chaudhry", "Chowdhury", "Choudhary", "Chaudhary")]
    [InlineData("Qureshi", "Kureshi")]
    [InlineData("Iqbal", "Ikbal")]
    [InlineData("Rehman", "Rahman", "Rehmaan")]
    [InlineData("Umar", "Omar")]
    [InlineData("Ahmed", "Ahmad")]
    [InlineData("Mustafa", "Mostafa", "Moustafa", "Mustapha")]
    [InlineData("Noor", "Nur", "Nour")]
    [InlineData("Javed", "Jawed", "Javaid", "Jawaid")]
    [InlineData("Waseem", "Wasim", "Vasim")]
    [InlineData("Farooq", "Faruk", "Farouk")]
    [InlineData("Saleem", "Salim", "Selim")]
    [InlineData("Bhatti", "Batti")]
    [InlineData("Abdullah", "Abdulla", "Abd Allah", "Abd-Allah")]
    [InlineData("Abdul Rahman", "Abd al-Rahman", "Abdur Rahman", "Abdurrahman", "Abdel Rahman", "Abdulrahman", "Abdul Rehman")]
    [InlineData("Nizamuddin", "Nizam ud Din", "Nizam-ud-Din", "Nizam Uddin", "Nizamudin")]
    public void RomanisationVariantsOfANameShareItsKeys(params string[] spellings)
    {
        var keys = spellings.Select(s => string.Join(' ', PersonNameFolding.Fold(s).DistinctKeys)).ToList();

        Assert.All(keys, k => Assert.Equal(keys[0], k));
    }

    [Theory]
    [InlineData("Muhammad", "Mahmood")]
    [InlineData("Hassan", "Khan")]
    [InlineData("Imran", "Omar")]
    [InlineData("Hamid", "Ahmed")]
    public void DifferentNamesKeepDifferentKeys(string a, string b)
    {
        Assert.NotEqual(PersonNameFolding.Fold(a).DistinctKeys, PersonNameFolding.Fold(b).DistinctKeys);
    }

    [Theory]
    [InlineData("MUHAMMAD KHAN", "muhammad khan")]
    [InlineData("Zoë Muñoz-Çelik", "zoe munoz celik")]
    [InlineData("Ja'far al-Ṣādiq", "jafar sadiq")]
    [InlineData("Mr. Imran  Khan,", "imran khan")]
    [InlineData("Imran Khan s/o Ahmed Khan", "imran khan ahmed khan")]
    [InlineData("Muhammad bin Salman Al Saud", "muhammad salman saud")]
    [InlineData("Ｍｕｈａｍｍａｄ", "muhammad")]
    public void CaseDiacriticsPunctuationTitlesAndParticlesAreFoldedAway(string written, string folded)
    {
        Assert.Equal(folded, PersonNameFolding.Fold(written).Text);
    }

    [Fact]
    public void WordOrderDoesNotMatter()
    {
        var a = PersonNameFolding.Fold("Khan, Muhammad Imran");
        var b = PersonNameFolding.Fold("Imran Muhammad KHAN");

        Assert.True(a.SameKeysAs(b));
        Assert.Equal(1.0, NameSimilarity.Score(a, b), 3);
    }

    [Theory]
    [InlineData("Al-Noor Trading Co. (Pvt) Ltd.", "noor")]
    [InlineData("AL NOOR TRADING COMPANY PRIVATE LIMITED", "noor")]
    [InlineData("M/s. Al Noor Traders", "noor")]
    [InlineData("Gulf Star General Trading LLC", "gulf star general")]
    [InlineData("Gulf Star General Trading L.L.C.", "gulf star general")]
    [InlineData("Gulf Star FZ-LLC", "gulf star")]
    [InlineData("Gulf Star FZE", "gulf star")]
    [InlineData("Gulf Star FZCO", "gulf star")]
    [InlineData("Hansa Logistik GmbH", "hansa logistik")]
    [InlineData("Atlas Shipping S.A.R.L.", "atlas shipping")]
    [InlineData("Atlas Shipping SA", "atlas shipping")]
    [InlineData("Pacific Freight Corp.", "pacific freight")]
    [InlineData("Pacific Freight Inc", "pacific freight")]
    [InlineData("Thames Cargo PLC", "thames cargo")]
    [InlineData("Thames Cargo LLP", "thames cargo")]
    [InlineData("The Trading Company Ltd", "trading")]
    public void CompanyLegalFormsAreFoldedAway(string written, string folded)
    {
        Assert.Equal(folded, CompanyNameFolding.Fold(written).Text);
    }

    [Fact]
    public void CompanyNamesMatchAcrossSuffixesAndTransliteration()
    {
        var a = CompanyNameFolding.Fold("Al-Noor Trading Co. (Pvt) Ltd.");
        var b = CompanyNameFolding.Fold("Alnoor");
        var c = CompanyNameFolding.Fold("Nour Traders LLC");

        Assert.True(a.SameKeysAs(c));
        Assert.False(a.SameKeysAs(b));
    }

    [Fact]
    public void CloserSpellingsRankHigher()
    {
        var query = PersonNameFolding.Fold("Muhammad Khan");
        var candidates = new[] { "Muhammad Khan", "Mohammed Khan", "Mohammed Ali Khan", "Mahmood Khan", "Imran Khan", "Ahmed Raza" };

        var scores = candidates.Select(c => NameSimilarity.Score(query, PersonNameFolding.Fold(c))).ToList();

        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Equal(1.0, scores[0], 3);
        Assert.True(scores[1] > 0.95, $"a transliteration variant scores {scores[1]}");
        Assert.True(scores[4] < 0.8, $"another person with the same family name scores {scores[4]}");
        Assert.True(scores[5] < 0.6);
    }

    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dixon", "dicksonx", 0.813)]
    [InlineData("abc", "xyz", 0.0)]
    [InlineData("same", "same", 1.0)]
    public void JaroWinklerMatchesTheReferenceValues(string a, string b, double expected)
    {
        Assert.Equal(expected, NameSimilarity.JaroWinkler(a, b), 3);
    }
}
