namespace PerfJudge.Tasks;

/// <summary>What makes a task an EvalPlus task (HumanEval+, MBPP+): explicit base and plus inputs
/// whose expected outputs are the canonical solution's, EvalPlus's comparison rules, and the
/// contract that says which inputs are valid.</summary>
/// <param name="Dataset"><c>humaneval</c> or <c>mbpp</c>: which of EvalPlus's special rules apply.</param>
/// <param name="BaseInputs">The base inputs as the data set writes them: JSON text of a list of argument lists.</param>
/// <param name="PlusInputs">The plus inputs, same form.</param>
/// <param name="Atol">Absolute float tolerance of the task (0: exact, except for float outputs, 1e-6).</param>
/// <param name="Contract">The contract: assertions on the arguments, run before the canonical solution
/// on each input; an input it rejects is no test.</param>
/// <param name="BaseCount">Number of base inputs.</param>
/// <param name="PlusCount">Number of plus inputs.</param>
public sealed record EvalPlusSpec(string Dataset, string BaseInputs, string PlusInputs, double Atol, string Contract,
    int BaseCount, int PlusCount);
