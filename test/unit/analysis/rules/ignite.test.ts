/**
 * PyTorch-Ignite engines (model/ignite.ts): `engine.run(...)` is the loop nest ignite runs, with
 * the registered handlers at their events, so the rules judge handlers like written loops.
 */
import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('ignite engines', () => {
  runCases([
    {
      name: 'OL003: scheduler.step() in an EPOCH_STARTED handler runs before the process function steps',
      code: py`
        from ignite.engine import Engine, Events

        def create_trainer(model, optimizer, loss_fn):
            def _update(engine, batch):
                optimizer.zero_grad()
                x, y = batch
                loss_fn(model(x), y).backward()
                optimizer.step()
            return Engine(_update)

        def do_train(model, loader, optimizer, scheduler, loss_fn, epochs):
            trainer = create_trainer(model, optimizer, loss_fn)

            @trainer.on(Events.EPOCH_STARTED)
            def adjust_learning_rate(engine):
                scheduler.step()

            trainer.run(loader, max_epochs=epochs)
      `,
      expect: ['OL003@16'],
    },
    {
      name: 'silent: the same handler on EPOCH_COMPLETED',
      code: py`
        from ignite.engine import Engine, Events

        def create_trainer(model, optimizer, loss_fn):
            def _update(engine, batch):
                optimizer.zero_grad()
                x, y = batch
                loss_fn(model(x), y).backward()
                optimizer.step()
            return Engine(_update)

        def do_train(model, loader, optimizer, scheduler, loss_fn, epochs):
            trainer = create_trainer(model, optimizer, loss_fn)

            @trainer.on(Events.EPOCH_COMPLETED)
            def adjust_learning_rate(engine):
                scheduler.step()

            trainer.run(loader, max_epochs=epochs)
      `,
      expect: [],
    },
    {
      name: "OL003 with ignite's own create_supervised_trainer and add_event_handler",
      code: py`
        import torch
        from ignite.engine import Events, create_supervised_trainer

        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)
        trainer = create_supervised_trainer(model, optimizer, torch.nn.CrossEntropyLoss())

        def lr_step(engine):
            scheduler.step()

        trainer.add_event_handler(Events.EPOCH_STARTED, lr_step)
        trainer.run(train_loader, max_epochs=90)
      `,
      expect: ['OL003@9'],
    },
    {
      name: 'OL004: an epoch cosine stepped by a lambda handler on every ITERATION_COMPLETED',
      code: py`
        import torch
        from ignite.engine import Events, create_supervised_trainer

        num_epochs = 100
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
        trainer = create_supervised_trainer(model, optimizer, torch.nn.CrossEntropyLoss())
        trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda engine: scheduler.step())
        trainer.run(train_loader, max_epochs=num_epochs)
      `,
      expect: ['OL004@8'],
    },
    {
      name: 'silent: a filtered event (every=100) is a condition, not every batch',
      code: py`
        import torch
        from ignite.engine import Events, create_supervised_trainer

        num_epochs = 100
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
        trainer = create_supervised_trainer(model, optimizer, torch.nn.CrossEntropyLoss())
        trainer.add_event_handler(Events.ITERATION_COMPLETED(every=100), lambda engine: scheduler.step())
        trainer.run(train_loader, max_epochs=num_epochs)
      `,
      expect: [],
    },
    {
      name: 'OL005: a OneCycleLR stepped on EPOCH_COMPLETED through engine.on(...)(handler)',
      code: py`
        import torch
        from ignite.engine import Events, create_supervised_trainer

        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=len(train_loader) * 10)
        trainer = create_supervised_trainer(model, optimizer, torch.nn.CrossEntropyLoss())

        def step_schedule(engine):
            scheduler.step()

        trainer.on(Events.EPOCH_COMPLETED)(step_schedule)
        trainer.run(train_loader, max_epochs=10)
      `,
      expect: ['OL005@9'],
    },
    {
      name: 'silent: the OneCycleLR on ITERATION_COMPLETED, with ignite clearing gradients itself',
      code: py`
        import torch
        from ignite.engine import Events, create_supervised_trainer

        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=len(train_loader) * 10)
        trainer = create_supervised_trainer(model, optimizer, torch.nn.CrossEntropyLoss())

        @trainer.on(Events.ITERATION_COMPLETED)
        def step_schedule(engine):
            scheduler.step()

        trainer.run(train_loader, max_epochs=10)
      `,
      expect: [],
    },
    {
      name: 'OL001: a process function that never clears gradients',
      code: py`
        import torch
        from ignite.engine import Engine

        optimizer = torch.optim.Adam(model.parameters())

        def train_step(engine, batch):
            x, y = batch
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            return loss.item()

        trainer = Engine(train_step)
        trainer.run(train_loader, max_epochs=5)
      `,
      expect: ['OL001@10'],
    },
    {
      name: 'silent: a process function accumulating gradients over engine iterations',
      code: py`
        import torch
        from ignite.engine import Engine

        optimizer = torch.optim.Adam(model.parameters())
        accumulation_steps = 4

        def train_step(engine, batch):
            x, y = batch
            loss = criterion(model(x), y) / accumulation_steps
            loss.backward()
            if engine.state.iteration % accumulation_steps == 0:
                optimizer.step()
                optimizer.zero_grad()

        trainer = Engine(train_step)
        trainer.run(train_loader, max_epochs=5)
      `,
      expect: [],
    },
    {
      name: 'silent: an evaluator engine run from a trainer handler steps nothing',
      code: py`
        import torch
        from ignite.engine import Engine, Events, create_supervised_trainer

        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)
        trainer = create_supervised_trainer(model, optimizer, torch.nn.CrossEntropyLoss())

        def infer(engine, batch):
            with torch.no_grad():
                return model(batch[0])

        evaluator = Engine(infer)

        @evaluator.on(Events.EPOCH_STARTED)
        def log_start(engine):
            print('evaluating')

        @trainer.on(Events.EPOCH_COMPLETED)
        def validate(engine):
            evaluator.run(val_loader)
            scheduler.step()

        trainer.run(train_loader, max_epochs=90)
      `,
      expect: [],
    },
  ]);
});
