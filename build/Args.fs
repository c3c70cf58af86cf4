/// The build's command line: ./build.sh [Target] [--profile P] [--spec S] [--jobs N] [--threads-per-job T] [--root R] [--device D]
/// [--executor local|inprocess|slurm] [--detach] [-- extra args for the target]
module Build.Args

type Options =
    { Target: string
      Profile: string option
      Spec: string option
      /// stages at once; None: one per core, at most one per 3 GB of memory
      Jobs: int option
      /// libtorch threads per running stage; None: max(1, cores / jobs)
      ThreadsPerJob: int option
      Root: string option
      /// cpu, cuda or auto over the specs' device (not in stage keys)
      Device: string option
      /// local (a worker process per stage), inprocess (threads of the build: debugging) or slurm (one sbatch job per stage)
      Executor: string
      /// slurm: return once the jobs are submitted
      Detach: bool
      Extra: string list }

let private usage =
    "usage: ./build.sh [Target] [--profile smoke|quick|paper|base] [--spec FILE|GLOB] [--jobs N] [--threads-per-job T] [--device cpu|cuda|auto] [--executor local|inprocess|slurm] [--detach] [-- ARGS]"

/// Parses argv; the first word that is not an option is the target (default Reproduce).
let parse (argv: string array) : Result<Options, string> =
    let rec go (o: Options) (targetSet: bool) args =
        match args with
        | [] -> Ok o
        | "--" :: rest -> Ok { o with Extra = rest }
        | "--executor" :: ("local" | "inprocess" | "slurm" as value) :: rest -> go { o with Executor = value } targetSet rest
        | "--executor" :: value :: _ -> Error(sprintf "--executor expects local, inprocess or slurm, found '%s'\n%s" value usage)
        | "--detach" :: rest -> go { o with Detach = true } targetSet rest
        | "--device" :: ("cpu" | "cuda" | "auto" as value) :: rest -> go { o with Device = Some value } targetSet rest
        | "--device" :: value :: _ -> Error(sprintf "--device expects cpu, cuda or auto, found '%s'\n%s" value usage)
        | ("--profile" | "--spec" | "--jobs" | "--threads-per-job" | "--root" as name) :: value :: rest ->
            match name with
            | "--profile" -> go { o with Profile = Some value } targetSet rest
            | "--spec" -> go { o with Spec = Some value } targetSet rest
            | "--root" -> go { o with Root = Some value } targetSet rest
            | _ ->
                match System.Int32.TryParse value with
                | true, n when n > 0 && name = "--jobs" -> go { o with Jobs = Some n } targetSet rest
                | true, n when n > 0 -> go { o with ThreadsPerJob = Some n } targetSet rest
                | _ -> Error(sprintf "%s expects a positive integer, found '%s'\n%s" name value usage)
        | [ ("--profile" | "--spec" | "--jobs" | "--threads-per-job" | "--root" | "--executor" | "--device") as name ] ->
            Error(sprintf "%s needs a value\n%s" name usage)
        | ("-h" | "--help") :: _ -> Error usage
        | opt :: _ when opt.StartsWith "-" -> Error(sprintf "unknown option %s\n%s" opt usage)
        | word :: rest when not targetSet -> go { o with Target = word } true rest
        | word :: _ -> Error(sprintf "only one target may be given; found '%s' after '%s'\n%s" word o.Target usage)

    let defaults =
        { Target = "Reproduce"; Profile = None; Spec = None; Jobs = None; ThreadsPerJob = None; Root = None; Device = None
          Executor = "local"; Detach = false; Extra = [] }

    match go defaults false (List.ofArray argv) with
    | Ok o when o.Detach && o.Executor <> "slurm" -> Error(sprintf "--detach needs --executor slurm\n%s" usage)
    | result -> result
