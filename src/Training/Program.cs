using KtvRec.Training.Cli;

return await TrainingCli.RunAsync(args, Console.Out, Console.Error);
