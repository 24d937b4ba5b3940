using Reconciler.Dns;
using Reconciler.Dns.Client;

namespace Reconciler.Tests.Dns.Client;

/// <summary>The three answer forms of RFC 1995 §4, read record by record, and the differences applied to a zone.</summary>
public class IncrementalTransferTests
{
    private static readonly DnsName Zone = DnsName.Parse("jain.ad.jp.");

    private static ResourceRecord Soa(uint serial) =>
        ResourceRecord.Parse($"jain.ad.jp. 600 IN SOA ns.jain.ad.jp. mail.jain.ad.jp. {serial} 600 600 3600000 604800");

    private static ResourceRecord R(string text) => ResourceRecord.Parse(text);

    private static readonly ResourceRecord Ns = R("jain.ad.jp. 600 IN NS ns.jain.ad.jp.");
    private static readonly ResourceRecord NsA = R("ns.jain.ad.jp. 600 IN A 133.69.136.1");
    private static readonly ResourceRecord Nezu = R("nezu.jain.ad.jp. 600 IN A 133.69.136.5");
    private static readonly ResourceRecord Jain1 = R("jain-bb.jain.ad.jp. 600 IN A 133.69.136.4");
    private static readonly ResourceRecord Jain2 = R("jain-bb.jain.ad.jp. 600 IN A 192.41.197.2");
    private static readonly ResourceRecord Jain3 = R("jain-bb.jain.ad.jp. 600 IN A 133.69.136.3");

    private static IncrementalTransfer Read(uint known, params ResourceRecord[] answer)
    {
        var reader = new IncrementalTransferReader(Zone, known, "test-server");
        foreach (var r in answer)
        {
            reader.IsComplete.Should().BeFalse("the transfer goes on until its closing SOA");
            reader.Add(r);
        }

        reader.IsComplete.Should().BeTrue();
        return reader.Result;
    }

    [Fact]
    public void The_rfc_1995_example_reads_as_two_steps_and_applies_to_version_1()
    {
        // RFC 1995 §7: version 1 → 2 removes nezu and adds jain-bb 133.69.136.3; 2 → 3 adds jain-bb 192.41.197.2.
        var answer = Read(1, Soa(3), Soa(1), Nezu, Soa(2), Jain3, Soa(2), Soa(3), Jain2, Soa(3));

        var changes = answer.Should().BeOfType<IncrementalTransfer.Changes>().Subject;
        changes.Steps.Select(s => (s.FromSerial, s.ToSerial)).Should().Equal((1u, 2u), (2u, 3u));
        changes.Steps[0].Deleted.Should().Equal(Nezu);
        changes.Steps[0].Added.Should().Equal(Jain3);
        changes.Steps[1].Deleted.Should().BeEmpty();

        var version1 = new[] { Soa(1), Ns, NsA, Nezu, Jain1 };
        IncrementalChange.Apply(version1, changes).Should().Equal(Soa(3), Ns, NsA, Jain1, Jain3, Jain2);
    }

    [Fact]
    public void A_server_without_the_history_answers_in_the_axfr_form()
    {
        var answer = Read(1, Soa(3), Ns, NsA, Jain1, Soa(3));
        answer.Should().BeOfType<IncrementalTransfer.Whole>().Which.Records.Should().Equal(Soa(3), Ns, NsA, Jain1);
    }

    [Fact]
    public void A_client_that_is_up_to_date_gets_one_soa()
    {
        Read(3, Soa(3)).Should().Be(new IncrementalTransfer.UpToDate(Soa(3)));
    }

    [Fact]
    public void Re_adding_a_record_changes_its_ttl_only()
    {
        var retimed = Nezu with { Ttl = 60 };
        var changes = (IncrementalTransfer.Changes)Read(1, Soa(2), Soa(1), Soa(2), retimed, Soa(2));
        IncrementalChange.Apply([Soa(1), Ns, Nezu], changes).Should().Equal(Soa(2), Ns, retimed);
    }

    [Fact]
    public void Differences_that_do_not_fit_the_copy_are_refused_so_the_caller_transfers_the_zone()
    {
        var changes = (IncrementalTransfer.Changes)Read(1, Soa(2), Soa(1), Nezu, Soa(2), Soa(2));
        IncrementalChange.Apply([Soa(1), Ns], changes).Should().BeNull("nezu is not in this copy");
        IncrementalChange.Apply([Soa(5), Ns, Nezu], changes).Should().BeNull("this copy is of another serial");
    }

    [Fact]
    public void Malformed_answers_are_errors_that_name_the_server()
    {
        var reader = new IncrementalTransferReader(Zone, 1, "test-server");
        var act = () => reader.Add(Ns);
        act.Should().Throw<DnsException>().WithMessage("*test-server*does not start with the zone's SOA*");

        reader = new IncrementalTransferReader(Zone, 1, "test-server");
        reader.Add(Soa(4));
        reader.Add(Soa(1));
        reader.Add(Soa(2));
        act = () => reader.Add(Soa(3));
        act.Should().Throw<DnsException>().WithMessage("*jumps from serial 2 to 3*");

        reader = new IncrementalTransferReader(Zone, 1, "test-server");
        reader.Add(Soa(3));
        reader.Add(Ns);
        act = () => reader.Add(Soa(4));
        act.Should().Throw<DnsException>().WithMessage("*ends with serial 4 but began with 3*");
    }
}
