namespace Reconciler.Tests.Shared;

/// <summary>What an SMTP server answered to one message: accepted (250 after DATA), or the refusing reply.</summary>
/// <param name="Code">The SMTP reply code (250 when accepted, e.g. 550 when a recipient was refused).</param>
/// <param name="Reply">The server's text, e.g. <c>5.1.1 &lt;x@d&gt;: Recipient address rejected: User unknown …</c>.</param>
/// <param name="MessageId">The Message-ID the message was sent with, to find it in a mailbox.</param>
public sealed record SmtpOutcome(bool Accepted, int Code, string Reply, string MessageId);
