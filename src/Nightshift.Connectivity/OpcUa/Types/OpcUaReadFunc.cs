namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>Reads one element of type <typeparamref name="T"/> (an array element, a structure field).</summary>
public delegate T OpcUaReadFunc<out T>(ref OpcUaBinaryReader reader);
