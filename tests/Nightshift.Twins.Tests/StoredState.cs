using System.Diagnostics.CodeAnalysis;

namespace Nightshift.Twins.Tests;

/// <summary>A grain state holder for calling a storage provider directly, whose state is never null.</summary>
public sealed class StoredState<T> : IGrainState<T>
    where T : new()
{
    private T _state = new();

    public StoredState()
    {
    }

    public StoredState(T state, string? eTag = null)
    {
        _state = state;
        ETag = eTag;
    }

    [AllowNull]
    public T State
    {
        get => _state;
        set => _state = value ?? new();
    }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
