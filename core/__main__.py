"""python -m gongwen"""

from .main import main

main()
