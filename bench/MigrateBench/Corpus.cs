using System.Text;

namespace Reconciler.MigrateBench;

/// <summary>Messages of a chosen size: text part plus a base64 attachment, unique Message-ID each.</summary>
internal static class Corpus
{
    public static byte[] Message(int mailbox, int index, int size)
    {
        var header = $"From: Sender {index} <sender{index}@example.test>\r\nTo: bench{mailbox}@example.test\r\n" +
                     $"Subject: Benchmark message {index} of mailbox {mailbox}\r\nMessage-ID: <bench.{mailbox}.{index}@example.test>\r\n" +
                     "Date: Wed, 1 Jan 2020 10:00:00 +0000\r\nMIME-Version: 1.0\r\n" +
                     "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
                     $"Hello, this is message {index}.\r\n\r\n--b1\r\nContent-Type: application/octet-stream\r\n" +
                     "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"data.bin\"\r\n\r\n";
        var trailer = "\r\n--b1--\r\n";
        var payload = Math.Max(0, (size - header.Length - trailer.Length) / 78 * 57);
        var random = new Random(mailbox * 1_000_003 + index);
        var data = new byte[payload];
        random.NextBytes(data);
        var b64 = Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks);
        return Encoding.ASCII.GetBytes(header + b64 + trailer);
    }
}
