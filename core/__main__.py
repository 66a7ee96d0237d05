"""python -m gongwen"""

from .cli import main

main()
