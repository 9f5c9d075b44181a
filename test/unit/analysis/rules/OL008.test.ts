import { describe } from 'vitest';
import { runCases } from '../cases';
import { py } from '../helpers';

describe('OL008 adam-weight-decay', () => {
  runCases([
    {
      name: 'flags torch.optim.Adam(weight_decay=0.05), a decoupled-decay recipe',
      code: py`
        import torch
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0.05)
      `,
      expect: ['OL008@2'],
    },
    {
      name: 'flags an imported Adam with a constant weight decay',
      code: py`
        from torch.optim import Adam
        WD = 1e-2
        opt = Adam(net.parameters(), lr=3e-4, weight_decay=WD)
      `,
      expect: ['OL008@3'],
    },
    {
      name: 'flags an aliased import and the positional weight decay',
      code: py`
        from torch.optim import Adam as A
        opt = A(net.parameters(), 1e-3, (0.9, 0.999), 1e-8, 0.01)
      `,
      expect: ['OL008@2'],
    },
    {
      name: 'flags optim.Adam in configure_optimizers',
      code: py`
        import torch.optim as optim
        class M:
            def configure_optimizers(self):
                return optim.Adam(self.parameters(), lr=1e-3, weight_decay=0.05)
      `,
      expect: ['OL008@4'],
    },
    {
      name: 'silent for AdamW',
      code: py`
        import torch
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
      `,
      expect: [],
    },
    {
      name: 'silent for Adam without weight decay or with 0',
      code: py`
        import torch
        a = torch.optim.Adam(model.parameters(), lr=1e-3)
        b = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0)
        c = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0.0)
      `,
      expect: [],
    },
    {
      name: 'silent for a weight decay the file does not fix (args.weight_decay)',
      code: py`
        import torch
        optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
      `,
      expect: [],
    },
    {
      name: 'silent for decoupled_weight_decay=True',
      code: py`
        import torch
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0.01, decoupled_weight_decay=True)
      `,
      expect: [],
    },
    {
      name: 'silent for an Adam that is not torch\'s',
      code: py`
        from keras.optimizers import Adam
        opt = Adam(learning_rate=1e-3, weight_decay=1e-4)
      `,
      expect: [],
    },
      {
      name: 'silent below AdamW\'s scale: an L2 coefficient (GCN\'s 5e-4, the SGD-era 1e-4) is what the code means',
      code: py`
        import torch
        a = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)
        b = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
        c = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0.009)
      `,
      expect: [],
    },
    {
      name: 'flags from AdamW\'s default (0.01) up, the same through a constant',
      code: py`
        import torch
        WEIGHT_DECAY = 0.01
        a = torch.optim.Adam(model.parameters(), lr=1e-4, weight_decay=WEIGHT_DECAY)
        b = torch.optim.Adam(model.parameters(), lr=1e-4, weight_decay=0.3)
      `,
      expect: ['OL008@3', 'OL008@4'],
    },
]);
});
