using Reconciler.Schema.Model;

namespace Reconciler.Schema.Validation.Rules;

/// <summary>
/// Where mail goes: local parts unique, targets that exist, external forwards with reason and expiry, nothing routed
/// to an offboarded mailbox, and a mail provider for whatever needs one.
/// </summary>
public sealed class MailRoutingRules : IManifestRule
{
    public IEnumerable<Diagnostic> Check(DomainManifest domain, RuleContext context)
    {
        var mail = domain.Mail;
        if (mail.Parked)
        {
            var extra = new List<string>();
            if (mail.Mx.Count > 0) extra.Add("mx");
            if (mail.Spf is not null) extra.Add("spf");
            if (mail.Dkim.Count > 0) extra.Add("dkim");
            if (mail.Dmarc is not null) extra.Add("dmarc");
            if (mail.MtaSts is not null) extra.Add("mtaSts");
            if (mail.TlsRpt is not null) extra.Add("tlsRpt");
            if (mail.HasRouting) extra.Add("mailboxes/aliases/forwards/catchAll");
            if (extra.Count > 0)
            {
                yield return RuleCatalog.ParkedWithMail.At(mail.Position, $"{domain.Domain} is parked but also sets {string.Join(", ", extra)}");
            }

            yield break;
        }

        if (mail.HasRouting && mail.Provider is null)
        {
            yield return RuleCatalog.RoutingWithoutProvider.At(mail.Position, $"{domain.Domain} declares mailboxes, aliases, forwards or a catch-all but no mail provider");
        }

        if (mail.Mailboxes.Count > 0 && mail.Mx.Count == 0)
        {
            yield return RuleCatalog.MailboxesWithoutMx.At(mail.Position, $"{domain.Domain} has mailboxes but no MX hosts");
        }

        var mailboxes = new Dictionary<string, Mailbox>(StringComparer.Ordinal);
        foreach (var m in mail.Mailboxes)
        {
            if (!mailboxes.TryAdd(m.Local, m))
            {
                yield return RuleCatalog.LocalPartReused.At(m.Position, $"mailbox '{m.Local}' is declared twice (first at line {mailboxes[m.Local].Position.Line})");
            }

            if (m.State == MailboxState.Offboarded && m.RetainUntil is null)
            {
                yield return RuleCatalog.OffboardedWithoutRetention.At(m.Position, $"mailbox '{m.Local}' is offboarded with no 'retainUntil'");
            }
        }

        var aliases = new Dictionary<string, Alias>(StringComparer.Ordinal);
        foreach (var a in mail.Aliases)
        {
            if (mailboxes.TryGetValue(a.Local, out var m))
            {
                yield return RuleCatalog.LocalPartReused.At(a.Position, $"alias '{a.Local}' has the same local part as the mailbox at line {m.Position.Line}");
            }
            else if (!aliases.TryAdd(a.Local, a))
            {
                yield return RuleCatalog.LocalPartReused.At(a.Position, $"alias '{a.Local}' is declared twice (first at line {aliases[a.Local].Position.Line})");
            }
        }

        var forwardSources = new HashSet<string>(mail.Forwards.Select(f => f.From), StringComparer.Ordinal);
        foreach (var f in mail.Forwards)
        {
            if (aliases.TryGetValue(f.From, out var a))
            {
                yield return RuleCatalog.LocalPartReused.At(f.Position, $"forward from '{f.From}' has the same local part as the alias at line {a.Position.Line}");
            }

            if (mailboxes.TryGetValue(f.From, out var m) && !f.KeepCopy && m.State != MailboxState.Offboarded)
            {
                yield return RuleCatalog.ForwardShadowsMailbox.At(f.Position, $"forward from '{f.From}' to {f.To.Address} takes all mail away from mailbox '{f.From}'");
            }

            if (f.External)
            {
                if (f.Expires is null)
                {
                    yield return RuleCatalog.ExternalForwardNoExpiry.At(f.Position, $"forward {f.From}@{domain.Domain} → {f.To.Address} leaves the portfolio and has no expiry");
                }

                if (string.IsNullOrWhiteSpace(f.Reason))
                {
                    yield return RuleCatalog.ExternalForwardNoReason.At(f.Position, $"forward {f.From}@{domain.Domain} → {f.To.Address} leaves the portfolio and has no reason");
                }

                if (string.IsNullOrWhiteSpace(f.ApprovedBy))
                {
                    yield return RuleCatalog.ExternalForwardNoApprover.At(f.Position, $"forward {f.From}@{domain.Domain} → {f.To.Address} leaves the portfolio and has no approver");
                }
            }

            if (f.Expires is { } expires && expires < context.Today)
            {
                yield return RuleCatalog.ForwardExpired.At(f.Position, $"forward {f.From}@{domain.Domain} → {f.To.Address} expired on {expires:yyyy-MM-dd}");
            }

            foreach (var d in CheckLocalTarget(f.To, domain, mailboxes, aliases, forwardSources, $"forward from '{f.From}'"))
            {
                yield return d;
            }
        }

        foreach (var a in mail.Aliases)
        {
            foreach (var t in a.To)
            {
                foreach (var d in CheckLocalTarget(t, domain, mailboxes, aliases, forwardSources, $"alias '{a.Local}'"))
                {
                    yield return d;
                }
            }
        }

        if (mail.CatchAll.DeliverTo is { } target)
        {
            if (!mailboxes.TryGetValue(target, out var m))
            {
                yield return RuleCatalog.CatchAllTargetMissing.At(mail.CatchAll.Position, $"catch-all delivers to '{target}', which is not a mailbox of {domain.Domain}");
            }
            else if (m.State == MailboxState.Offboarded)
            {
                yield return RuleCatalog.RoutesToOffboarded.At(mail.CatchAll.Position, $"catch-all delivers to mailbox '{target}', which is offboarded");
            }
        }
    }

    private static IEnumerable<Diagnostic> CheckLocalTarget(
        AddressTarget target,
        DomainManifest domain,
        Dictionary<string, Mailbox> mailboxes,
        Dictionary<string, Alias> aliases,
        HashSet<string> forwardSources,
        string what)
    {
        if (!string.Equals(target.Domain, domain.Domain, StringComparison.Ordinal))
        {
            yield break;
        }

        if (mailboxes.TryGetValue(target.Local, out var m))
        {
            if (m.State == MailboxState.Offboarded)
            {
                yield return RuleCatalog.RoutesToOffboarded.At(target.Position, $"{what} sends mail to '{target.Local}', which is offboarded");
            }
        }
        else if (!aliases.ContainsKey(target.Local) && !forwardSources.Contains(target.Local))
        {
            yield return RuleCatalog.AliasTargetMissing.At(target.Position, $"{what} sends mail to '{target.Written}', which is no mailbox, alias or forward of {domain.Domain}");
        }
    }
}
