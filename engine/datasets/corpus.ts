/**
 * A small English corpus for learning a BPE vocabulary live: fourteen of Aesop's fables, retold in
 * plain English for this project (about 11 KB). The stories are in the public domain; this wording
 * was written for dl-live and is dedicated to the public domain (CC0 1.0). See DATA.md.
 *
 * A .ts module (not a .txt read from disk) so the same import works in Vitest on Node, in the Vite
 * dev server and in a production build.
 */

/** Title, author and licence of {@link FABLES_CORPUS}. */
export const FABLES_CORPUS_INFO = {
  title: "Aesop's Fables (retold for dl-live)",
  author: 'Aesop (traditional); retelling written for the dl-live project',
  licence: 'Stories in the public domain; this text dedicated to the public domain under CC0 1.0',
} as const;

/** The corpus text. */
export const FABLES_CORPUS = `The Tortoise and the Hare

A hare was always boasting about how fast he could run. "Nobody has ever beaten me," he said, "not when I run at my full speed. I challenge anyone here to race me." The tortoise answered quietly, "I accept your challenge." The hare laughed so hard that he had to sit down. "That is a good joke," he said. "I could dance around you the whole way." "Keep your boasting until you have won," said the tortoise. "Shall we race?" So a course was marked out and the race began. The hare ran out of sight almost at once, and to show how little he thought of the tortoise, he lay down beside the road to take a nap. The tortoise kept walking, slowly and steadily, and never stopped. When the hare woke up he saw the tortoise near the finishing line, and although he ran as fast as he could, he was too late. The tortoise had won the race. Slow and steady wins the race.

The Fox and the Grapes

One hot summer day a hungry fox was walking through an orchard when he saw a bunch of grapes ripening on a vine that had been trained over a high branch. "Just the thing to quench my thirst," he said. Drawing back a few paces, he took a run and a jump, and just missed the bunch. Turning round again, he jumped up once more, and again he missed. Again and again he tried, but at last he had to give up. He walked away with his nose in the air, saying, "I am sure they are sour." It is easy to despise what you cannot get.

The Crow and the Pitcher

A crow, half dead with thirst, came upon a pitcher which had once been full of water. But when the crow put its beak into the mouth of the pitcher, it found that only a little water was left, and that it could not reach far enough down to get at it. The crow tried and tried, but at last had to give up in despair. Then a thought came to it. It took a pebble and dropped it into the pitcher. Then it took another pebble and dropped that in too. Then it took another, and another, and another. Little by little the water rose, until at last it came near the top, and the crow was able to drink and save its life. Little by little does the trick.

The Lion and the Mouse

Once when a lion was asleep, a little mouse began running up and down upon him. This soon woke the lion, who placed his huge paw upon the mouse and opened his big jaws to swallow him. "Pardon, O King," cried the little mouse. "Forgive me this time, and I shall never forget it. Who knows, I may be able to do you a good turn one of these days." The lion was so amused at the idea of the mouse being able to help him that he lifted his paw and let him go. Some time later the lion was caught in a trap, and the hunters, who wanted to carry him alive to the king, tied him to a tree while they went in search of a wagon. Just then the little mouse happened to pass by, and seeing the sad plight of the lion, went up to him and soon gnawed away the ropes that bound the king of the beasts. "Was I not right?" said the little mouse. Little friends may prove to be great friends.

The Ant and the Grasshopper

In a field one summer day a grasshopper was hopping about, chirping and singing to its heart's content. An ant passed by, carrying with great effort an ear of corn he was taking to the nest. "Why not come and chat with me," said the grasshopper, "instead of working so hard?" "I am helping to lay up food for the winter," said the ant, "and I think you should do the same." "Why bother about winter?" said the grasshopper. "We have plenty of food now." But the ant went on its way and continued its work. When the winter came the grasshopper had no food and found itself dying of hunger, while it saw the ants handing out corn and grain every day from the stores they had collected in the summer. Then the grasshopper knew: it is best to prepare for the days of need.

The Boy Who Cried Wolf

A shepherd boy watched his flock of sheep near a village. He was bored, and one day he thought of a plan to amuse himself. He ran toward the village, crying out, "Wolf! Wolf!" and the villagers came running to help him. But there was no wolf, and the boy laughed at them for their pains. A few days later he tried the same trick, and again the villagers came to his help, and again he laughed at them. Shortly after this a wolf really did come out of the forest and began to attack the sheep. The boy cried out, "Wolf! Wolf!" louder than ever. But this time the villagers, who had been fooled twice before, thought the boy was lying again, and nobody came to help him. The wolf made a good meal of the flock. A liar will not be believed, even when he speaks the truth.

The North Wind and the Sun

The north wind and the sun were arguing about which of them was the stronger, when a traveller came along the road wrapped in a warm cloak. "Let us agree," said the sun, "that whichever of us can make the traveller take off his cloak is the stronger." "Very well," said the north wind, and he began to blow as hard as he could upon the traveller. But the harder he blew, the more closely the traveller wrapped his cloak around him, until at last the wind had to give up in despair. Then the sun came out and shone in all its warmth upon the traveller, who soon found it too hot to walk with his cloak on. He took it off and sat down in the shade of a tree. Gentleness and kind persuasion win where force and bluster fail.

The Town Mouse and the Country Mouse

Once upon a time a town mouse went to visit his cousin who lived in the country. The country mouse was rough and plain, but he loved his town friend and made him welcome. Beans and bacon, cheese and bread, were all he had to offer, but he offered them freely. The town mouse turned up his long nose at this country fare and said, "I cannot understand, cousin, how you can put up with such poor food. Come with me and I will show you how to live." So the two mice set off for the town and arrived at the town mouse's house late at night. In the great dining room they found the remains of a fine feast, and soon the two mice were eating jellies and cakes and all that was nice. Suddenly they heard growling and barking. "What is that?" asked the country mouse. "Only the dogs of the house," answered the other. "Only!" said the country mouse. "I do not like that music at my dinner." Just then the door flew open and in came two huge dogs, and the two mice had to run for their lives. "Goodbye, cousin," said the country mouse. "Better beans and bacon in peace than cakes and ale in fear."

The Dog and His Reflection

A dog was crossing a plank bridge over a stream with a piece of meat in his mouth. Looking down, he saw his own reflection in the water below. He thought it was another dog with a piece of meat twice as big as his own, so he let go of his piece and snapped at the other dog to get the larger piece. But of course all that happened was that he got neither: one piece was only a reflection, and the other was carried away by the stream. Grasp at the shadow and you may lose the substance.

The Goose That Laid the Golden Eggs

A man and his wife had the good fortune to own a goose which laid a golden egg every day. Lucky though they were, they soon began to think they were not getting rich fast enough. Imagining that the bird must be made of gold inside, they decided to kill it in order to get the whole store of precious metal at once. But when they cut it open they found that it was just like any other goose. So they neither got rich all at once, as they had hoped, nor enjoyed any longer the daily egg that had added to their wealth. Those who want too much may lose everything.

The Oak and the Reeds

An oak tree grew on the bank of a river. It was proud of its strength and looked down upon the reeds that grew at its feet and bent with every breeze. One day a great storm came, and the wind blew so hard that the oak was torn up by its roots and thrown into the river. As it floated away it passed the reeds, still standing. "How is it," asked the oak, "that you, so thin and weak, have come through a storm that pulled up a strong tree like me?" "You fought against the storm," said the reeds, "but we bowed our heads and let it pass over us." Better to bend than to break.

The Fox and the Crow

A crow was sitting on a branch of a tree with a piece of cheese in her beak, when a fox saw her and set his wits to work to discover some way of getting the cheese. Coming and standing under the tree, he looked up and said, "What a noble bird I see above me. Her beauty is without equal, the colour of her feathers exquisite. If only her voice is as sweet as her looks are fair, she ought without doubt to be queen of the birds." The crow was hugely flattered by this, and just to show the fox that she could sing, she gave a loud caw. Down came the cheese, of course, and the fox, snatching it up, said, "You have a voice, madam, I see: what you want is wits." Do not trust flatterers.

The Hare and His Many Friends

A hare was very popular with the other animals, who all claimed to be her friends. One day she heard the hounds approaching and hoped to escape them with the help of her many friends. She went to the horse and asked him to carry her away on his back. He said he had important work to do for his master. She then went to the bull, who said he had an appointment with a lady. The goat said his back might do her some harm if she got upon it. The ram said he would be glad to help, but the hounds were known to eat sheep as well as hares. At last the hare went to the calf, who said he was too young to help when so many older animals had declined. By this time the hounds were quite near, and the hare took to her heels and luckily escaped. He who has many friends has no friends.

The Miller, His Son and the Donkey

A miller and his son were driving their donkey to a neighbouring fair to sell him. They had not gone far when they met a group of girls. "Look there," cried one of them, "did you ever see such fools, to be walking when they could ride?" So the miller put his son on the donkey. Soon they came upon some old men. "There," said one, "the young do not respect the old. Get down, you lazy boy, and let your father rest his legs." So the father rode and the son walked, until they met some women who cried, "Shame on you, you lazy man, to let your poor little boy walk." So the miller took his son up behind him, and both rode. Near the town a man said, "Are you not ashamed of yourselves for overloading that poor donkey? You two could more easily carry him than he you." So they tied the donkey's legs to a pole and carried him, until, crossing a bridge, the donkey kicked himself free, fell into the river and was drowned. "That will teach you," said an old man who had followed them. "Try to please everybody, and you will please nobody."
`;
