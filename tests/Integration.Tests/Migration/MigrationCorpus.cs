using System.Text;
using Reconciler.Migration.Imap;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>
/// What a real mailbox holds, in small: plain and MIME messages, UTF-8 and raw 8-bit headers, messages without a
/// Message-ID, the same message in two folders and twice in one, a 10 MB attachment, nested and non-ASCII folder
/// names, every system flag and some keywords, old internal dates, and \Deleted messages that must not travel.
/// </summary>
public static class MigrationCorpus
{
    public static readonly string[] Folders =
        ["Sent Items", "Junk", "Archiv/Übersicht", "Projects/2024/Q1", "Входящие", "Bulk"];

    private static readonly DateTimeOffset Old = new(1998, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));

    public static async Task SeedAsync(ImapClient client, bool withLargeAttachment, int bulkMessages = 90)
    {
        foreach (var folder in Folders)
        {
            await client.CreateFolderAsync(folder);
        }

        var shared = Plain("shared@example.test", "In two folders", "The same message, filed twice.");
        var twin = Plain("twin@example.test", "Twice in one folder", "Stored twice in INBOX.");
        await AppendAsync(client, "INBOX", [
            (Plain("plain1@example.test", "Plain ASCII", "Hello."), ImapMessageFlags.Seen, [], Old),
            (Mime("mime1@example.test"), ImapMessageFlags.Seen | ImapMessageFlags.Answered, ["$Forwarded"], Old.AddYears(7)),
            (Raw8Bit(), ImapMessageFlags.Flagged, ["ProjectX", "$Label1"], null),
            (NoMessageId("first"), ImapMessageFlags.None, [], Old.AddDays(1)),
            (NoMessageId("first"), ImapMessageFlags.Seen, [], Old.AddDays(2)), // identical bytes: the same message twice
            (NoMessageId("second"), ImapMessageFlags.Draft, [], null),
            (Plain("deleted1@example.test", "Deleted", "Gone."), ImapMessageFlags.Deleted | ImapMessageFlags.Seen, [], null),
            (shared, ImapMessageFlags.Seen, [], Old.AddYears(10)),
            (twin, ImapMessageFlags.None, [], null),
            (twin, ImapMessageFlags.Seen, [], null),
            (Plain("sameid@example.test", "Same id, short", "a"), ImapMessageFlags.None, [], null),
            (Plain("sameid@example.test", "Same id, longer body", "a different message with the same Message-ID"), ImapMessageFlags.None, [], null),
        ]);
        if (withLargeAttachment)
        {
            await client.AppendAsync("INBOX", ImapAppendMessage.FromBytes(WithAttachment("large@example.test", 10 * 1024 * 1024)) with
            {
                Flags = ImapMessageFlags.Seen,
                InternalDate = Old.AddYears(5),
            });
        }

        // "Sent Items" and "Sent" both go to "Sent": the message filed in both arrives there once.
        var sentTwice = Plain("sent1@example.test", "Re: hello", "Thanks!");
        await AppendAsync(client, "Sent Items", [
            (sentTwice, ImapMessageFlags.Seen | ImapMessageFlags.Answered, [], Old.AddDays(3)),
            (Mime("sent2@example.test"), ImapMessageFlags.Seen, [], Old),
        ]);
        await AppendAsync(client, "Sent", [(sentTwice, ImapMessageFlags.Seen | ImapMessageFlags.Answered, [], Old.AddDays(3))]);
        await AppendAsync(client, "Junk", [(Plain("spam@example.test", "Buy now", "No."), ImapMessageFlags.None, [], null)]);
        await AppendAsync(client, "Archiv/Übersicht", [
            (Plain("archiv1@example.test", "Jahresübersicht", "Grüße aus Köln"), ImapMessageFlags.Seen, ["Wichtig"], Old),
            (Plain("deleted2@example.test", "Deleted too", "x"), ImapMessageFlags.Deleted, [], null),
        ]);
        await AppendAsync(client, "Projects/2024/Q1", [
            (shared, ImapMessageFlags.Flagged, [], Old.AddYears(10)),
            (Mime("q1@example.test"), ImapMessageFlags.None, ["$Work"], null),
        ]);
        await AppendAsync(client, "Входящие", [
            (Plain("ru1@example.test", "Привет", "Здравствуйте!"), ImapMessageFlags.Seen, [], Old.AddYears(3)),
        ]);
        var bulk = Enumerable.Range(0, bulkMessages).Select(i => (
            Plain($"bulk{i}@example.test", $"Bulk {i}", new string('x', 500 + i * 37)),
            i % 4 == 0 ? ImapMessageFlags.Seen : ImapMessageFlags.None,
            i % 9 == 0 ? (string[])["$Bulk"] : [],
            (DateTimeOffset?)Old.AddDays(i))).ToList();
        await AppendAsync(client, "Bulk", bulk);
    }

    /// <summary>A plain text message with a Message-ID and a raw UTF-8 subject.</summary>
    public static byte[] Plain(string id, string subject, string body) => Encoding.UTF8.GetBytes(
        $"From: Alice <alice@example.test>\r\nTo: Bob <bob@example.test>\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\n" +
        "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n" +
        $"Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n");

    private static byte[] Mime(string id) => Encoding.UTF8.GetBytes(
        "From: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <juergen@example.test>\r\nTo: bob@example.test\r\n" +
        $"Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_und_Anhang?=\r\nMessage-ID: <{id}>\r\nDate: Tue, 2 Jan 2024 11:00:00 +0100\r\n" +
        "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n" +
        "--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe\r\n" +
        "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Grüße</p>\r\n--alt--\r\n");

    private static byte[] Raw8Bit() =>
        // Latin-1 bytes straight in the header, as old clients wrote them: not valid UTF-8.
        Encoding.Latin1.GetBytes(
            "From: Ren\u00e9 <rene@example.test>\r\nSubject: Caf\u00e9 au lait\r\nMessage-ID: <latin1@example.test>\r\n" +
            "Date: Wed, 3 Jan 2024 12:00:00 +0000\r\n\r\nD\u00e9j\u00e0 vu.\r\n");

    private static byte[] NoMessageId(string text) => Encoding.ASCII.GetBytes(
        $"From: legacy@example.test\r\nSubject: no message id ({text})\r\nDate: Thu, 4 Jan 2024 13:00:00 +0000\r\n\r\n{text}\r\n");

    private static byte[] WithAttachment(string id, int attachmentBytes)
    {
        var data = new byte[attachmentBytes];
        new Random(42).NextBytes(data);
        var header = "From: alice@example.test\r\nTo: bob@example.test\r\nSubject: Big attachment\r\n" +
                     $"Message-ID: <{id}>\r\nDate: Fri, 5 Jan 2024 14:00:00 +0000\r\nMIME-Version: 1.0\r\n" +
                     "Content-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n--mix\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n" +
                     "--mix\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n" +
                     "Content-Disposition: attachment; filename=\"big.bin\"\r\n\r\n";
        return Encoding.ASCII.GetBytes(header + Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks) + "\r\n--mix--\r\n");
    }

    private static async Task AppendAsync(
        ImapClient client, string folder, IEnumerable<(byte[] Bytes, ImapMessageFlags Flags, string[] Keywords, DateTimeOffset? Date)> messages)
    {
        foreach (var (bytes, flags, keywords, date) in messages)
        {
            await client.AppendAsync(folder, ImapAppendMessage.FromBytes(bytes) with
            {
                Flags = flags, Keywords = keywords, InternalDate = date,
            });
        }
    }
}
