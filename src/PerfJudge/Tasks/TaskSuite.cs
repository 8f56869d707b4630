namespace PerfJudge.Tasks;

/// <summary>A named, ordered set of tasks.</summary>
public sealed class TaskSuite
{
    private readonly Dictionary<string, CodeTask> _byId;

    /// <summary>Creates a suite; task ids must be unique.</summary>
    public TaskSuite(string name, string source, IReadOnlyList<CodeTask> tasks)
    {
        Name = name;
        Source = source;
        Tasks = tasks;
        _byId = new Dictionary<string, CodeTask>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (!_byId.TryAdd(task.TaskId, task))
            {
                throw new SuiteFormatException($"{source}: task_id '{task.TaskId}' appears twice");
            }
        }
    }

    /// <summary>Short name (<c>demo</c>, <c>humaneval</c>, or the file name).</summary>
    public string Name { get; }

    /// <summary>Where the suite was loaded from.</summary>
    public string Source { get; }

    /// <summary>The tasks in file order.</summary>
    public IReadOnlyList<CodeTask> Tasks { get; }

    /// <summary>Looks a task up by id.</summary>
    public bool TryGet(string taskId, out CodeTask task) => _byId.TryGetValue(taskId, out task!);
}
