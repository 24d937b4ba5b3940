namespace Reconciler.Dns.Client;

/// <summary>Reads the answer records of one zone transfer in order and says when the transfer is complete.</summary>
internal interface ITransferReader<out T>
{
    bool IsComplete { get; }

    /// <summary>What the transfer said; only once <see cref="IsComplete"/>.</summary>
    T Result { get; }

    /// <exception cref="DnsException">The record does not fit the transfer's form.</exception>
    void Add(ResourceRecord record);
}
