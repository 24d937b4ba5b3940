namespace Reconciler.Schema.Model;

/// <param name="Provider">The mail provider's name (defaults applied); null when mailboxes are hosted elsewhere.</param>
public sealed record MailSettings(
    string? Provider,
    bool Parked,
    IReadOnlyList<MxHost> Mx,
    SpfPolicy? Spf,
    IReadOnlyList<DkimSelector> Dkim,
    DmarcPolicy? Dmarc,
    MtaStsPolicy? MtaSts,
    TlsRptPolicy? TlsRpt,
    CatchAll CatchAll,
    IReadOnlyList<Mailbox> Mailboxes,
    IReadOnlyList<Alias> Aliases,
    IReadOnlyList<Forward> Forwards,
    IReadOnlyList<AdminRole> Admins,
    Loading.SourcePosition Position)
{
    public static MailSettings Empty(string? provider) =>
        new(provider, false, [], null, [], null, null, null, CatchAll.Reject, [], [], [], [], Loading.SourcePosition.None);

    /// <summary>True when the manifest manages mailboxes, aliases, forwards or a catch-all (so a mail provider is needed).</summary>
    public bool HasRouting => Mailboxes.Count > 0 || Aliases.Count > 0 || Forwards.Count > 0 || CatchAll.DeliverTo is not null;
}
