namespace Reconciler.Posture.Spf;

/// <summary>One TXT record to publish: its owner name, text, and the character-strings it splits into.</summary>
public sealed record SpfFlattenedRecord(string Name, string Text)
{
    public IReadOnlyList<string> Strings => TxtStrings.Split(Text);

    public int Octets => Text.Length;
}
