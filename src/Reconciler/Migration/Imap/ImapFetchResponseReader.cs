using System.Runtime.CompilerServices;
using System.Text;

namespace Reconciler.Migration.Imap;

/// <summary>
/// Parses one untagged FETCH (after "* n FETCH"). Bodies are handed to the owning command's callback as a stream
/// while they arrive; other items are collected into a summary for that command.
/// </summary>
internal static class ImapFetchResponseReader
{
    // A Message-ID header block is tiny; anything this large is not what was asked for.
    private const int MaxHeaderFieldsLength = 256 * 1024;

    /// <param name="resolveTarget">Finds the in-flight UID FETCH a message belongs to (0 = UID not seen yet).</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask ReadAsync(
        ImapTokenizer tok, Func<uint, ImapCommand?> resolveTarget, CancellationToken ct)
    {
        await ImapResponseReader.ExpectAsync(tok, ImapTokenKind.OpenParen, "after FETCH", ct).ConfigureAwait(false);
        uint uid = 0;
        ImapMessageFlags? flags = null;
        IReadOnlyList<string> keywords = [];
        DateTimeOffset? internalDate = null;
        long? size = null;
        string? messageId = null;
        ImapCommand? target = null;

        while (true)
        {
            var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
            if (kind == ImapTokenKind.CloseParen)
            {
                break;
            }

            if (kind != ImapTokenKind.Atom)
            {
                throw ImapResponseReader.Unexpected(tok, kind, "a FETCH item name");
            }

            if (tok.ValueIs("UID"u8))
            {
                uid = await ImapResponseReader.ReadNumberAsync(tok, "after UID", ct).ConfigureAwait(false);
            }
            else if (tok.ValueIs("FLAGS"u8))
            {
                var parsed = await ImapResponseReader.ReadFlagListAsync(tok, ct).ConfigureAwait(false);
                flags = parsed.System;
                keywords = parsed.Keywords;
            }
            else if (tok.ValueIs("INTERNALDATE"u8))
            {
                kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
                if (kind == ImapTokenKind.QuotedString)
                {
                    internalDate = ImapDate.TryParseDateTime(tok.Value, out var date)
                        ? date
                        : throw new ImapProtocolException($"The server sent an unreadable INTERNALDATE '{tok.ValueAsString()}'.");
                }
                else if (kind != ImapTokenKind.Nil)
                {
                    throw ImapResponseReader.Unexpected(tok, kind, "a quoted INTERNALDATE");
                }
            }
            else if (tok.ValueIs("RFC822.SIZE"u8))
            {
                size = (long)await ImapResponseReader.ReadBigNumberAsync(tok, "after RFC822.SIZE", ct).ConfigureAwait(false);
            }
            else if (StartsWithIgnoreCase(tok.Value, "BODY["u8) || StartsWithIgnoreCase(tok.Value, "BINARY["u8))
            {
                var section = await ReadSectionAsync(tok, ct).ConfigureAwait(false);
                kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
                if (section == Section.Full)
                {
                    target ??= resolveTarget(uid);
                    var soFar = new ImapMessageSummary
                    {
                        Uid = uid, Flags = flags, Keywords = keywords, InternalDate = internalDate, Size = size,
                        MessageId = messageId,
                    };
                    await DeliverBodyAsync(tok, kind, target, soFar, ct).ConfigureAwait(false);
                }
                else if (section == Section.HeaderFields)
                {
                    messageId = kind switch
                    {
                        ImapTokenKind.Literal => MessageIdHeader.Extract(
                            await tok.ReadLiteralBytesAsync(MaxHeaderFieldsLength, ct).ConfigureAwait(false)),
                        ImapTokenKind.QuotedString => MessageIdHeader.Extract(tok.Value),
                        ImapTokenKind.Nil => null,
                        _ => throw ImapResponseReader.Unexpected(tok, kind, "header fields"),
                    };
                }
                else if (kind is ImapTokenKind.OpenParen)
                {
                    throw ImapResponseReader.Unexpected(tok, kind, "a section value");
                }
            }
            else
            {
                // ENVELOPE, BODYSTRUCTURE, MODSEQ, RFC822*, future items: not needed here.
                await ImapResponseReader.SkipValueAsync(tok, ct).ConfigureAwait(false);
            }
        }

        await ImapResponseReader.ExpectAsync(tok, ImapTokenKind.EndOfLine, "after a FETCH response", ct).ConfigureAwait(false);

        // Without a UID this is an unsolicited flag update by sequence number; it cannot be matched to a request.
        if (uid == 0)
        {
            return;
        }

        target ??= resolveTarget(uid);
        target?.Fetch?.Results.Add(new ImapMessageSummary
        {
            Uid = uid, Flags = flags, Keywords = keywords, InternalDate = internalDate, Size = size, MessageId = messageId,
        });
    }

    private enum Section
    {
        Full,
        HeaderFields,
        Other,
    }

    /// <summary>The current token is "BODY[..." or "BINARY[..."; reads through "]" and an optional "&lt;origin&gt;".</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Section> ReadSectionAsync(ImapTokenizer tok, CancellationToken ct)
    {
        var open = tok.Value.IndexOf((byte)'[');
        var inside = tok.Value[(open + 1)..];
        var section = inside.IsEmpty ? Section.Full
            : StartsWithIgnoreCase(inside, "HEADER.FIELDS"u8) && !StartsWithIgnoreCase(inside, "HEADER.FIELDS.NOT"u8)
                ? Section.HeaderFields
                : Section.Other;
        var first = true;
        while (true)
        {
            var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
            if (kind == ImapTokenKind.CloseBracket)
            {
                break;
            }

            if (kind == ImapTokenKind.EndOfLine)
            {
                throw new ImapProtocolException("A FETCH body section was not closed with ']'.");
            }

            if (first && section == Section.Full)
            {
                section = Section.Other;
            }

            first = false;
        }

        if (await tok.PeekAsync(ct).ConfigureAwait(false) == (byte)'<')
        {
            // A partial fetch "<origin>": the body is not the full message.
            await tok.ReadTokenAsync(ct).ConfigureAwait(false);
            if (section == Section.Full)
            {
                section = Section.Other;
            }
        }

        return section;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask DeliverBodyAsync(
        ImapTokenizer tok, ImapTokenKind kind, ImapCommand? target, ImapMessageSummary soFar, CancellationToken ct)
    {
        var fetch = target?.Fetch;
        if (fetch?.OnBody is null || target!.CallbackError is not null)
        {
            return; // nobody wants it (or its callback already failed): the literal is skipped by the next read
        }

        Stream content;
        long length;
        ImapLiteralStream? literal = null;
        switch (kind)
        {
            case ImapTokenKind.Literal:
                length = tok.LiteralLength;
                content = literal = new ImapLiteralStream(tok, length);
                break;
            case ImapTokenKind.QuotedString:
                var bytes = tok.Value.ToArray();
                length = bytes.Length;
                content = new MemoryStream(bytes, writable: false);
                break;
            case ImapTokenKind.Nil:
                length = 0;
                content = Stream.Null;
                break;
            default:
                throw ImapResponseReader.Unexpected(tok, kind, "a message body");
        }

        try
        {
            await fetch.OnBody(new ImapFetchedBody(soFar, length, content), fetch.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (literal?.TransportError is null)
        {
            // The caller's own failure: remember it, skip the rest of the body, keep the connection.
            target.CallbackError = ex;
        }
        finally
        {
            await content.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix) =>
        value.Length >= prefix.Length && Ascii.EqualsIgnoreCase(value[..prefix.Length], prefix);
}
