namespace Nightshift.Fuzz;

/// <summary>Runs one decoder over one input; returns normally or throws the decoder's own format exception.</summary>
/// <param name="input">The bytes to decode.</param>
public delegate void FuzzDecoder(ReadOnlySpan<byte> input);
