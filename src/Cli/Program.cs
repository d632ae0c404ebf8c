using KtvRec.Cli;

return await TrainingCli.RunAsync(args, Console.Out, Console.Error);
