namespace Reconciler.Migration.Imap;

/// <summary>A parsed <c>[CODE args]</c> from a status response; only the fields its code uses are set.</summary>
internal sealed class ImapResponseCode
{
    public ImapResponseCode(string name) => Name = name;

    public string Name { get; }

    /// <summary>UIDVALIDITY/UIDNEXT/UNSEEN value, or the UIDVALIDITY of APPENDUID/COPYUID.</summary>
    public uint Number { get; set; }

    public ulong BigNumber { get; set; }

    /// <summary>APPENDUID UIDs, or COPYUID source UIDs.</summary>
    public UidSet? Uids { get; set; }

    public UidSet? DestinationUids { get; set; }

    public ImapParsedFlags? Flags { get; set; }

    public ImapCapabilities? Capabilities { get; set; }
}
