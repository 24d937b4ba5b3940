using System.Text;

namespace Reconciler.Integration.Tests.Imap;

internal static class TestMessages
{
    public static byte[] Small(int index, string messageId, string subject = "hello") => Encoding.UTF8.GetBytes(
        $"From: Alice <alice@example.test>\r\nTo: bob@example.test\r\nSubject: {subject} {index}\r\n" +
        $"Message-ID: {messageId}\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\n" +
        $"Content-Type: text/plain; charset=utf-8\r\n\r\nBody of message {index}.\r\nGrüße\r\n");

    public static string NewMessageId() => $"<{Guid.NewGuid():N}@example.test>";
}
