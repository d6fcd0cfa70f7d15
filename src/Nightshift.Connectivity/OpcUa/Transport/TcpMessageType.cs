namespace Nightshift.Connectivity.OpcUa.Transport;

/// <summary>The three-letter message types of OPC UA TCP and secure conversation (Part 6, 7.1.2.2, 6.7.2.2), as read little-endian from the first three bytes.</summary>
public static class TcpMessageType
{
    public const uint Hello = 'H' | ('E' << 8) | ('L' << 16);
    public const uint Acknowledge = 'A' | ('C' << 8) | ('K' << 16);
    public const uint Error = 'E' | ('R' << 8) | ('R' << 16);
    public const uint ReverseHello = 'R' | ('H' << 8) | ('E' << 16);
    public const uint OpenSecureChannel = 'O' | ('P' << 8) | ('N' << 16);
    public const uint Message = 'M' | ('S' << 8) | ('G' << 16);
    public const uint CloseSecureChannel = 'C' | ('L' << 8) | ('O' << 16);

    /// <summary>A final chunk.</summary>
    public const byte Final = (byte)'F';

    /// <summary>An intermediate chunk.</summary>
    public const byte Intermediate = (byte)'C';

    /// <summary>An abort chunk: the message is abandoned.</summary>
    public const byte Abort = (byte)'A';
}
