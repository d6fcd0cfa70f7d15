using Nightshift.Core.Samples;

namespace Nightshift.Historian.Writing;

/// <summary>
/// What travels through the writer's queue: a batch to write, or a flush marker completed once everything queued
/// before it is on disk. Exactly one of the two is set.
/// </summary>
internal readonly record struct WriteItem(SampleBatch? Batch, TaskCompletionSource? Flushed);
