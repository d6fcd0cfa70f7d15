using System.Buffers.Binary;

namespace Nightshift.Fuzz;

/// <summary>
/// Makes fuzz inputs from a corpus: bit flips, byte insert/delete/duplicate, splice of two entries, truncation,
/// interesting values (0, 0xFF, 0x7F, 0x80), length-field edits (big-endian 16-bit words and protobuf varints),
/// inserted text tokens, and fully random inputs. Deterministic for a given seed; not thread-safe.
/// </summary>
public sealed class Mutator(int seed)
{
    private const int MaxLength = 4096;
    private static readonly byte[] Interesting = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE];
    private static readonly ushort[] InterestingWords = [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF];

    private readonly Random _random = new(seed);

    /// <summary>The next input for <paramref name="target"/>.</summary>
    public byte[] Next(FuzzTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var roll = _random.Next(100);
        if (roll < 8)
        {
            var random = new byte[_random.Next(0, 300)];
            _random.NextBytes(random);
            return random;
        }

        var corpus = target.Corpus;
        var data = new List<byte>(corpus[_random.Next(corpus.Count)]);
        if (roll < 10)
        {
            return [.. data];
        }

        var mutations = 1 + _random.Next(_random.Next(2) == 0 ? 2 : 8);
        for (var i = 0; i < mutations; i++)
        {
            Mutate(data, target);
        }

        if (data.Count > MaxLength)
        {
            data.RemoveRange(MaxLength, data.Count - MaxLength);
        }

        return [.. data];
    }

    private void Mutate(List<byte> data, FuzzTarget target)
    {
        var position = data.Count == 0 ? 0 : _random.Next(data.Count);
        switch (_random.Next(11))
        {
            case 0 when data.Count > 0:
                data[position] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                data.Insert(position, (byte)_random.Next(256));
                break;
            case 2 when data.Count > 0:
                data.RemoveRange(position, Math.Min(data.Count - position, 1 + _random.Next(4)));
                break;
            case 3 when data.Count > 0:
            {
                var length = Math.Min(data.Count - position, 1 + _random.Next(32));
                var copies = _random.Next(8) == 0 ? 1 + _random.Next(64) : 1;
                var slice = data.GetRange(position, length);
                for (var c = 0; c < copies; c++)
                {
                    data.InsertRange(_random.Next(data.Count + 1), slice);
                }

                break;
            }

            case 4:
            {
                var other = target.Corpus[_random.Next(target.Corpus.Count)];
                var from = _random.Next(other.Length + 1);
                data.RemoveRange(position, data.Count - position);
                data.AddRange(other.AsSpan(from).ToArray());
                break;
            }

            case 5 when data.Count > 0:
                data.RemoveRange(position, data.Count - position);
                break;
            case 6 when data.Count > 0:
                data[position] = Interesting[_random.Next(Interesting.Length)];
                break;
            case 7 when data.Count > 1:
            {
                position = Math.Min(position, data.Count - 2);
                var word = _random.Next(2) == 0
                    ? InterestingWords[_random.Next(InterestingWords.Length)]
                    : (ushort)(BinaryPrimitives.ReadUInt16BigEndian([data[position], data[position + 1]]) + _random.Next(-2, 3));
                data[position] = (byte)(word >> 8);
                data[position + 1] = (byte)word;
                break;
            }

            case 8:
            {
                // A protobuf varint length/tag: long continuation runs and huge values.
                Span<byte> varint = stackalloc byte[10];
                var length = 1 + _random.Next(10);
                for (var i = 0; i < length; i++)
                {
                    varint[i] = (byte)(i < length - 1 ? 0x80 | _random.Next(128) : _random.Next(_random.Next(2) == 0 ? 2 : 128));
                }

                data.InsertRange(position, varint[..length].ToArray());
                break;
            }

            case 9 when target.Tokens.Count > 0:
                data.InsertRange(position, target.Tokens[_random.Next(target.Tokens.Count)]);
                break;
            default:
                if (data.Count > 0)
                {
                    data[position] = (byte)_random.Next(256);
                }

                break;
        }
    }
}
