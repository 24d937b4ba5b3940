using System.Diagnostics;
using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Wire;
using Xunit.Abstractions;

namespace Reconciler.Tests.Dns.Wire;

/// <summary>
/// The decoder reads what any host on the network sends. Tens of thousands of mutated and truncated messages (a
/// seeded Random, so a failure reproduces) must each decode or fail with our own <see cref="DnsFormatException"/>:
/// no other exception, no hang, and no allocation beyond a bound proportional to the input.
/// </summary>
public class DecoderFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 20_000;

    // Worst legal expansion: a 2-octet pointer plus 10 octets of record header can name a 255-octet name, printed in
    // up to ~1,000 chars; so a few hundred bytes allocated per input octet, plus fixed overhead.
    private const int BytesPerInputOctet = 400;
    private const int FixedAllowance = 64 * 1024;

    [Fact]
    public void Mutated_and_truncated_messages_decode_or_fail_with_our_format_error()
    {
        var seeds = SeedMessages();
        var random = new Random(20240101);
        var decoded = 0;
        var refused = 0;
        var worstRatio = 0.0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var input = Mutate(seed, random);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                DnsMessage.Decode(input);
                decoded++;
            }
            catch (DnsFormatException)
            {
                refused++;
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"iteration {i}: {ex.GetType().Name} instead of DnsFormatException for {Convert.ToHexString(input)}: {ex}");
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            allocated.Should().BeLessThan(FixedAllowance + ((long)BytesPerInputOctet * input.Length), $"iteration {i} allocated {allocated} bytes for {input.Length} octets");
            worstRatio = Math.Max(worstRatio, (allocated - 4096.0) / Math.Max(1, input.Length));
        }

        output.WriteLine($"{Iterations} inputs in {clock.ElapsedMilliseconds} ms: {decoded} decoded, {refused} refused; worst allocation ≈ {worstRatio:0} bytes per input octet beyond 4 KB");
        decoded.Should().BeGreaterThan(Iterations / 50, "some mutations leave a valid message, or the mutator is too brutal to test the decoder's happy paths");
        refused.Should().BeGreaterThan(Iterations / 2);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Every_truncation_of_a_valid_message_is_a_format_error()
    {
        foreach (var seed in SeedMessages())
        {
            for (var length = 0; length < seed.Length; length++)
            {
                var act = () => DnsMessage.Decode(seed.AsSpan(0, length));
                act.Should().Throw<DnsFormatException>($"a {length}-octet prefix of a {seed.Length}-octet message is incomplete");
            }

            DnsMessage.Decode(seed).Should().NotBeNull();
        }
    }

    private static List<byte[]> SeedMessages()
    {
        var origin = DnsName.Parse("example.com.");
        var records = new List<MessageRecord>();
        foreach (var (type, text) in new[]
        {
            ("A", "192.0.2.1"), ("AAAA", "2001:db8::1"), ("CNAME", "www.example.com."), ("NS", "ns1.example.com."),
            ("PTR", "host.example.com."), ("MX", "10 mail.example.com."), ("TXT", "\"v=spf1 -all\" \"\" \"x\""),
            ("SOA", "ns1.example.com. hostmaster.example.com. 1 2 3 4 5"), ("SRV", "10 60 5060 sip.example.com."),
            ("CAA", "0 issue \"letsencrypt.org\""), ("TLSA", "3 1 1 8cb0fc6c527506a0"), ("TYPE65280", "\\# 4 DEADBEEF"),
        })
        {
            var t = RecordType.Parse(type);
            records.Add(new MessageRecord(DnsName.Parse("www.example.com."), t, DnsClass.IN, 300, RecordData.Parse(t, text, origin)));
        }

        var response = new DnsMessage
        {
            Id = 1,
            IsResponse = true,
            IsAuthoritative = true,
            Questions = [new DnsQuestion(origin, new RecordType(252))],
            Answers = records,
            Authorities = [records[3]],
            Additionals = [records[0], records[1]],
            Edns = new EdnsRecord(1232, 0, false, [new EdnsOption(10, new byte[8])]),
            Tsig = new TsigRecord(DnsName.Parse("key."), DnsName.Parse("hmac-sha256."), 1_700_000_000, 300, new byte[32], 1, 0, ReadOnlyMemory<byte>.Empty),
        };
        var update = new DnsUpdate(origin)
            .RequireRecordSet(new RecordSet(DnsName.Parse("www.example.com."), RecordType.A, 300, [AData.Parse("192.0.2.1")]))
            .RequireNoRecordSet(DnsName.Parse("new.example.com."), RecordType.TXT)
            .DeleteRecordSet(DnsName.Parse("www.example.com."), RecordType.A)
            .Add(new ResourceRecord(DnsName.Parse("www.example.com."), 300, AData.Parse("192.0.2.2")))
            .ToMessage(2);
        return
        [
            DnsMessage.Query(3, origin, RecordType.MX).Encode(),
            response.Encode(),
            update.Encode(),
            new DnsMessage { Id = 4, IsResponse = true, ResponseCode = DnsResponseCode.Refused, Questions = [new DnsQuestion(origin, RecordType.SOA)] }.Encode(),
        ];
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var edits = random.Next(1, 5);
        for (var e = 0; e < edits; e++)
        {
            if (data.Count == 0)
            {
                break;
            }

            var at = random.Next(data.Count);
            switch (random.Next(8))
            {
                case 0: // flip a bit
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // random byte
                    data[at] = (byte)random.Next(256);
                    break;
                case 2: // truncate
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 3: // a compression pointer anywhere, to anywhere
                    data[at] = (byte)(0xC0 | random.Next(64));
                    if (at + 1 < data.Count)
                    {
                        data[at + 1] = (byte)random.Next(256);
                    }

                    break;
                case 4: // insert junk
                    data.InsertRange(at, Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)));
                    break;
                case 5: // delete a few
                    data.RemoveRange(at, Math.Min(data.Count - at, random.Next(1, 8)));
                    break;
                case 6: // a huge count or length in the header or a record
                    data[at] = 0xFF;
                    if (at + 1 < data.Count)
                    {
                        data[at + 1] = 0xFF;
                    }

                    break;
                default: // copy a slice somewhere else
                    var length = Math.Min(random.Next(1, 32), data.Count - at);
                    var slice = data.GetRange(at, length);
                    data.InsertRange(random.Next(data.Count), slice);
                    break;
            }
        }

        return data.ToArray();
    }
}
