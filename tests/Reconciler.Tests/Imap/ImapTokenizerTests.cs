using System.IO.Pipelines;
using System.Text;
using Reconciler.Migration.Imap;

namespace Reconciler.Tests.Imap;

public sealed class ImapTokenizerTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        {
            "* 12 FETCH (UID 7 BODY[] {6}\r\nab)c\r\n FLAGS (\\Seen))\r\n",
            ["*", "atom:12", "atom:FETCH", "(", "atom:UID", "atom:7", "atom:BODY[", "]", "lit:ab)c\r\n", "atom:FLAGS", "(", "atom:\\Seen", ")", ")", "EOL"]
        },
        {
            "* LIST (\\Noselect) \"/\" \"a \\\"quoted\\\" \\\\ name\"\r\n",
            ["*", "atom:LIST", "(", "atom:\\Noselect", ")", "q:/", "q:a \"quoted\" \\ name", "EOL"]
        },
        {
            "* 1 FETCH (BODY[HEADER.FIELDS (MESSAGE-ID)] NIL ENVELOPE (NIL \"\" ((NIL NIL \"x\" \"y\"))))\r\n",
            ["*", "atom:1", "atom:FETCH", "(", "atom:BODY[HEADER.FIELDS", "(", "atom:MESSAGE-ID", ")", "]", "NIL", "atom:ENVELOPE", "(", "NIL", "q:", "(", "(", "NIL", "NIL", "q:x", "q:y", ")", ")", ")", ")", "EOL"]
        },
        {
            "A3 OK [PERMANENTFLAGS (\\Answered \\*)] Limited\r\n",
            ["atom:A3", "atom:OK", "[", "atom:PERMANENTFLAGS", "(", "atom:\\Answered", "atom:\\*", ")", "]", "atom:Limited", "EOL"]
        },
        {
            // literal8 and the non-synchronizing form are tolerated; an empty literal too
            "* 2 FETCH (BINARY[] ~{3}\r\nx\0y X {0+}\r\n)\r\n",
            ["*", "atom:2", "atom:FETCH", "(", "atom:BINARY[", "]", "lit:x\0y", "atom:X", "lit:", ")", "EOL"]
        },
        {
            "+ go ahead\r\n* OK done\r\n",
            ["+", "atom:go", "atom:ahead", "EOL", "*", "atom:OK", "atom:done", "EOL"]
        },
        {
            // '*' and '+' only mean something at the start of a line
            "* SEARCH 1:* +5\r\n",
            ["*", "atom:SEARCH", "atom:1:*", "atom:+5", "EOL"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Splits_responses_into_tokens(string wire, string[] expected)
    {
        (await TokensAsync(wire, trickle: false)).Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Gives_the_same_tokens_when_bytes_arrive_one_at_a_time(string wire, string[] expected)
    {
        (await TokensAsync(wire, trickle: true)).Should().Equal(expected);
    }

    [Fact]
    public async Task Astring_mode_keeps_brackets_inside_mailbox_names()
    {
        var pipe = await FilledPipeAsync("[Gmail]/Sent] rest\r\n");
        using var tok = new ImapTokenizer(pipe.Reader);
        (await tok.ReadTokenAsync(default, astring: true)).Should().Be(ImapTokenKind.Atom);
        tok.ValueAsString().Should().Be("[Gmail]/Sent]");
    }

    [Fact]
    public async Task Unread_literal_bytes_are_skipped_before_the_next_token()
    {
        var pipe = await FilledPipeAsync("X {10}\r\n0123456789 Y\r\n");
        using var tok = new ImapTokenizer(pipe.Reader);
        await tok.ReadTokenAsync(default);
        (await tok.ReadTokenAsync(default)).Should().Be(ImapTokenKind.Literal);
        var two = new byte[2];
        (await tok.ReadLiteralAsync(two, default)).Should().Be(2);
        (await tok.ReadTokenAsync(default)).Should().Be(ImapTokenKind.Atom);
        tok.ValueAsString().Should().Be("Y");
    }

    [Theory]
    [InlineData("* \"unterminated\r\n")]
    [InlineData("* {12x}\r\n")]
    [InlineData("* A\rB\r\n")]
    public async Task Malformed_input_is_a_protocol_error(string wire)
    {
        var act = async () => await TokensAsync(wire, trickle: false);
        await act.Should().ThrowAsync<ImapProtocolException>();
    }

    [Fact]
    public async Task End_of_stream_is_a_lost_connection()
    {
        var pipe = await FilledPipeAsync("* OK");
        using var tok = new ImapTokenizer(pipe.Reader);
        await tok.ReadTokenAsync(default);
        var act = async () => await tok.ReadTextAsync(true, default);
        await act.Should().ThrowAsync<ImapConnectionLostException>();
    }

    private static async Task<Pipe> FilledPipeAsync(string wire)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(wire));
        await pipe.Writer.CompleteAsync();
        return pipe;
    }

    private static async Task<List<string>> TokensAsync(string wire, bool trickle)
    {
        var pipe = new Pipe();
        var bytes = Encoding.UTF8.GetBytes(wire);
        var writer = Task.Run(async () =>
        {
            if (trickle)
            {
                foreach (var b in bytes)
                {
                    await pipe.Writer.WriteAsync(new[] { b });
                }
            }
            else
            {
                await pipe.Writer.WriteAsync(bytes);
            }

            await pipe.Writer.CompleteAsync();
        });

        using var tok = new ImapTokenizer(pipe.Reader);
        var tokens = new List<string>();
        while (true)
        {
            ImapTokenKind kind;
            try
            {
                kind = await tok.ReadTokenAsync(default);
            }
            catch (ImapConnectionLostException)
            {
                break;
            }

            tokens.Add(kind switch
            {
                ImapTokenKind.Atom => "atom:" + tok.ValueAsString(),
                ImapTokenKind.QuotedString => "q:" + tok.ValueAsString(),
                ImapTokenKind.Literal => "lit:" + Encoding.UTF8.GetString(await tok.ReadLiteralBytesAsync(1 << 20, default)),
                ImapTokenKind.Nil => "NIL",
                ImapTokenKind.OpenParen => "(",
                ImapTokenKind.CloseParen => ")",
                ImapTokenKind.OpenBracket => "[",
                ImapTokenKind.CloseBracket => "]",
                ImapTokenKind.Asterisk => "*",
                ImapTokenKind.Plus => "+",
                ImapTokenKind.EndOfLine => "EOL",
                _ => kind.ToString(),
            });
        }

        await writer;
        return tokens;
    }
}
