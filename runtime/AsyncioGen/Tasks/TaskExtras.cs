using System;

namespace AsyncioGen;

/// <summary>The rarely used part of a task's state (see <see cref="FutureTaskCore"/>), allocated on first use.</summary>
internal sealed class TaskExtras
{
    public string? PendingCancelMessage;
    public CancelledError? CancelledException;
    public string? Name;
    public Action? ForeignResume;
}
